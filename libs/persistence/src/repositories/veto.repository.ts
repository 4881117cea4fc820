import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { VetoEntity } from '../entities';
import { insertedAny } from '../inserted-any';

type VetoKey = Pick<VetoEntity, 'cycleId' | 'unitId' | 'month'>;

/** The veto events (一票否决) of cycles. */
@Injectable()
export class VetoRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Stores a veto unless its unit already has one for the month: the unique key (cycle, unit,
   * month) decides between two assessors recording at once. `withinTransaction` (its audit row)
   * commits with it. Null when there was one already.
   */
  insertOnce(
    veto: QueryDeepPartialEntity<VetoEntity> & VetoKey,
    withinTransaction: (manager: EntityManager, stored: VetoEntity) => Promise<void>,
  ): Promise<VetoEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager.createQueryBuilder().insert().into(VetoEntity).values(veto).orIgnore().execute();
      if (!insertedAny(inserted)) return null;
      const { cycleId, unitId, month } = veto;
      const stored = await manager.findOneByOrFail(VetoEntity, { cycleId, unitId, month });
      await withinTransaction(manager, stored);
      return stored;
    });
  }

  /** The cycle's veto events in month and unit order; only `unitId`'s when given. */
  list(cycleId: string, unitId?: string): Promise<VetoEntity[]> {
    return this.dataSource.getRepository(VetoEntity).find({
      where: { cycleId, ...(unitId === undefined ? {} : { unitId }) },
      order: { month: 'ASC', unitId: 'ASC' },
    });
  }
}
