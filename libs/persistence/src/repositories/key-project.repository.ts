import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KeyProjectEntity, KeyProjectLeaderEntity, KeyProjectMilestoneEntity } from '../entities';

/** A cycle's stored key projects: leaders in id order, projects as imported, milestones by due date. */
export interface StoredKeyProjects {
  leaders: KeyProjectLeaderEntity[];
  projects: KeyProjectEntity[];
  milestones: KeyProjectMilestoneEntity[];
}

/** The key projects (三挂) imported with a cycle. They are written with the cycle, by `CycleRepository.insert`. */
@Injectable()
export class KeyProjectRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async findByCycle(cycleId: string): Promise<StoredKeyProjects> {
    const [leaders, projects, milestones] = await Promise.all([
      this.dataSource.getRepository(KeyProjectLeaderEntity).find({ where: { cycleId }, order: { id: 'ASC' } }),
      this.dataSource.getRepository(KeyProjectEntity).find({ where: { cycleId }, order: { position: 'ASC' } }),
      this.dataSource
        .getRepository(KeyProjectMilestoneEntity)
        .find({ where: { cycleId }, order: { projectId: 'ASC', due: 'ASC' } }),
    ]);
    return { leaders, projects, milestones };
  }
}
