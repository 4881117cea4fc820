import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { MilestoneKind, ProjectProgress } from '@jiebang/domain';
import {
  KeyProjectEntity,
  KeyProjectLeaderEntity,
  KeyProjectMilestoneEntity,
  KeyProjectProgressEntity,
  KeyProjectWeeklyNoteEntity,
} from '../entities';
import { insertedAny } from '../inserted-any';

/** A cycle's stored key projects: leaders in id order, projects as imported, milestones by due date. */
export interface StoredKeyProjects {
  leaders: KeyProjectLeaderEntity[];
  projects: KeyProjectEntity[];
  milestones: KeyProjectMilestoneEntity[];
}

/** One month's progress to store: the row and the milestones it reaches. */
export type KeyProjectProgressRow = Omit<KeyProjectProgressEntity, 'reportedAt'>;

/** Why storing a month's progress did nothing. */
export type ProgressRefusal = 'month_reported' | { alreadyReached: MilestoneKind };

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

  findProject(cycleId: string, projectId: string): Promise<KeyProjectEntity | null> {
    return this.dataSource.getRepository(KeyProjectEntity).findOneBy({ cycleId, id: projectId });
  }

  milestonesOf(cycleId: string, projectId: string): Promise<KeyProjectMilestoneEntity[]> {
    return this.dataSource
      .getRepository(KeyProjectMilestoneEntity)
      .find({ where: { cycleId, projectId }, order: { due: 'ASC' } });
  }

  /** Every month's stored progress of the cycle's projects (or of one), by project then month. */
  progressRows(cycleId: string, projectId?: string): Promise<KeyProjectProgressEntity[]> {
    return this.dataSource.getRepository(KeyProjectProgressEntity).find({
      where: projectId === undefined ? { cycleId } : { cycleId, projectId },
      order: { projectId: 'ASC', month: 'ASC' },
    });
  }

  /**
   * Stores a month's progress, marks its milestones reached and runs `audit`, all in one
   * transaction; nothing is stored when the month was already reported or a milestone was
   * already reached (the answer says which).
   */
  async recordProgress(
    row: KeyProjectProgressRow,
    audit: (manager: EntityManager) => Promise<void>,
  ): Promise<ProgressRefusal | null> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(KeyProjectProgressEntity)
          .values({ ...row, reportedAt: new Date() })
          .orIgnore()
          .returning('month')
          .execute();
        if (!insertedAny(inserted)) return 'month_reported';
        for (const kind of row.milestones) {
          // Set once: a milestone another request reached meanwhile refuses the whole month.
          const updated = await manager.update(
            KeyProjectMilestoneEntity,
            { cycleId: row.cycleId, projectId: row.projectId, kind, reachedMonth: IsNull() },
            { reachedMonth: row.month },
          );
          if (!updated.affected) throw new AlreadyReached(kind);
        }
        await audit(manager);
        return null;
      });
    } catch (error) {
      if (error instanceof AlreadyReached) return { alreadyReached: error.kind };
      throw error;
    }
  }
}

/** Why storing a weekly note or its supervision item did nothing. */
export type WeeklyNoteRefusal = 'note_sent';

/** The weekly notes (每周调度) of the cycle's key projects. */
@Injectable()
export class WeeklyNoteRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The notes of a week (or of every week), by project. */
  notes(cycleId: string, week?: number): Promise<KeyProjectWeeklyNoteEntity[]> {
    return this.dataSource.getRepository(KeyProjectWeeklyNoteEntity).find({
      where: week === undefined ? { cycleId } : { cycleId, week },
      order: { week: 'ASC', projectId: 'ASC' },
    });
  }

  findNote(cycleId: string, projectId: string, week: number): Promise<KeyProjectWeeklyNoteEntity | null> {
    return this.dataSource.getRepository(KeyProjectWeeklyNoteEntity).findOneBy({ cycleId, projectId, week });
  }

  /** Stores a note and runs `audit` in one transaction; nothing when the project's note of that week exists. */
  async insert(
    row: Omit<KeyProjectWeeklyNoteEntity, 'sentAt' | 'supervisionItemId'>,
    audit: (manager: EntityManager) => Promise<void>,
  ): Promise<KeyProjectWeeklyNoteEntity | WeeklyNoteRefusal> {
    return this.dataSource.transaction(async (manager) => {
      const note = { ...row, sentAt: new Date(), supervisionItemId: null };
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(KeyProjectWeeklyNoteEntity)
        .values(note)
        .orIgnore()
        .returning('week')
        .execute();
      if (!insertedAny(inserted)) return 'note_sent';
      await audit(manager);
      return note;
    });
  }

  /** Ties the note to the supervision item made of its problems; false when it already has one. */
  async attachItem(cycleId: string, projectId: string, week: number, itemId: string): Promise<boolean> {
    const updated = await this.dataSource
      .getRepository(KeyProjectWeeklyNoteEntity)
      .update({ cycleId, projectId, week, supervisionItemId: IsNull() }, { supervisionItemId: itemId });
    return Boolean(updated.affected);
  }
}

class AlreadyReached extends Error {
  constructor(readonly kind: MilestoneKind) {
    super(`milestone ${kind} already reached`);
  }
}

/** Stored rows as the rules read a project's progress (`ProjectProgress`, by month "1".."12"). */
export function projectProgressOf(rows: readonly KeyProjectProgressEntity[]): ProjectProgress {
  return Object.fromEntries(
    rows.map((row) => [String(row.month), { investment: row.investment, milestones: row.milestones }]),
  );
}
