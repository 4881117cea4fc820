import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { CycleOrganisation } from '@jiebang/contracts';
import {
  CategoryEntity,
  CycleEntity,
  IndicatorEntity,
  KeyProjectEntity,
  KeyProjectLeaderEntity,
  KeyProjectMilestoneEntity,
  UnitEntity,
} from '../entities';
import { insertInChunks } from '../insert-in-chunks';

/** An imported cycle as rows: the cycle and what it holds. */
export interface CycleRows {
  cycle: DeepPartial<CycleEntity>;
  categories: QueryDeepPartialEntity<CategoryEntity>[];
  units: QueryDeepPartialEntity<UnitEntity>[];
  indicators: QueryDeepPartialEntity<IndicatorEntity>[];
  /** The key projects (三挂), when the scenario lists them. */
  keyProjects?: KeyProjectRows;
}

/** A cycle's key projects as rows: their leaders in command, the projects and their milestones. */
export interface KeyProjectRows {
  leaders: QueryDeepPartialEntity<KeyProjectLeaderEntity>[];
  projects: QueryDeepPartialEntity<KeyProjectEntity>[];
  milestones: QueryDeepPartialEntity<KeyProjectMilestoneEntity>[];
}

/** How many categories, units and indicators a cycle holds. */
export interface CycleCounts {
  categories: number;
  units: number;
  indicators: number;
}

/** The stored cycles and their categories, units and indicators. */
@Injectable()
export class CycleRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Stores a cycle with everything it holds in one transaction; `withinTransaction` (its audit
   * row) commits with it. A concurrent insert of the same cycle fails with a unique violation.
   */
  insert(rows: CycleRows, withinTransaction: (manager: EntityManager) => Promise<void>): Promise<CycleEntity> {
    return this.dataSource.transaction(async (manager) => {
      const cycle = await manager.save(CycleEntity, rows.cycle);
      await manager.insert(CategoryEntity, rows.categories);
      await insertInChunks(manager, UnitEntity, rows.units);
      await insertInChunks(manager, IndicatorEntity, rows.indicators);
      if (rows.keyProjects) {
        await insertInChunks(manager, KeyProjectLeaderEntity, rows.keyProjects.leaders);
        await insertInChunks(manager, KeyProjectEntity, rows.keyProjects.projects);
        await insertInChunks(manager, KeyProjectMilestoneEntity, rows.keyProjects.milestones);
      }
      await withinTransaction(manager);
      return cycle;
    });
  }

  list(): Promise<CycleEntity[]> {
    return this.dataSource.getRepository(CycleEntity).find({ order: { createdAt: 'ASC' } });
  }

  findById(id: string): Promise<CycleEntity | null> {
    return this.dataSource.getRepository(CycleEntity).findOneBy({ id });
  }

  exists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(CycleEntity).existsBy({ id });
  }

  hasUnit(cycleId: string, unitId: string): Promise<boolean> {
    return this.dataSource.getRepository(UnitEntity).existsBy({ cycleId, id: unitId });
  }

  /** The cycle's units and indicators, each by id. */
  findIndicator(cycleId: string, indicatorId: string): Promise<IndicatorEntity | null> {
    return this.dataSource.getRepository(IndicatorEntity).findOneBy({ cycleId, id: indicatorId });
  }

  async unitsAndIndicators(cycleId: string): Promise<{ units: UnitEntity[]; indicators: IndicatorEntity[] }> {
    const [units, indicators] = await Promise.all([
      this.dataSource.getRepository(UnitEntity).find({ where: { cycleId }, order: { id: 'ASC' } }),
      this.dataSource.getRepository(IndicatorEntity).find({ where: { cycleId }, order: { id: 'ASC' } }),
    ]);
    return { units, indicators };
  }

  /** The cycle's categories and units by name, in id order. */
  async organisation(cycleId: string): Promise<CycleOrganisation> {
    const [categories, units] = await Promise.all([
      this.dataSource.getRepository(CategoryEntity).find({ where: { cycleId }, order: { id: 'ASC' } }),
      this.dataSource
        .getRepository(UnitEntity)
        .find({ where: { cycleId }, order: { id: 'ASC' }, select: { id: true, name: true, categoryId: true } }),
    ]);
    return {
      categories: categories.map(({ id, name }) => ({ id, name })),
      units: units.map(({ id, name, categoryId }) => ({ id, name, categoryId })),
    };
  }

  async counts(cycleId: string): Promise<CycleCounts> {
    const [units, categories, indicators] = await Promise.all([
      this.dataSource.getRepository(UnitEntity).countBy({ cycleId }),
      this.dataSource.getRepository(CategoryEntity).countBy({ cycleId }),
      this.dataSource.getRepository(IndicatorEntity).countBy({ cycleId }),
    ]);
    return { categories, units, indicators };
  }
}

/** True when `error` is Postgres refusing a second row with the same key (a concurrent insert won). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
