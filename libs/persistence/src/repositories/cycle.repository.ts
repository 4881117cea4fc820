import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CycleEntity, UnitEntity } from '../entities';

/** The stored cycles and their units. */
@Injectable()
export class CycleRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  findById(id: string): Promise<CycleEntity | null> {
    return this.dataSource.getRepository(CycleEntity).findOneBy({ id });
  }

  hasUnit(cycleId: string, unitId: string): Promise<boolean> {
    return this.dataSource.getRepository(UnitEntity).existsBy({ cycleId, id: unitId });
  }
}
