import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { SupervisionStatus } from '@jiebang/contracts';
import { SupervisionEventEntity, SupervisionItemEntity } from '../entities';
import { insertedAny } from '../inserted-any';

/** Which items a listing shows; an absent field does not narrow it. */
export interface SupervisionItemFilter {
  cycleId?: string;
  unitId?: string;
  status?: SupervisionStatus;
}

/** The stored supervision items (their workflows' read model) and their events. */
@Injectable()
export class SupervisionItemRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Stores the item unless one with its id exists, and returns the stored row. `onCreated` runs
   * in the same transaction only when this call created it (its audit row).
   */
  async insertIfAbsent(
    item: QueryDeepPartialEntity<SupervisionItemEntity> & { id: string },
    onCreated: (manager: EntityManager) => Promise<void>,
  ): Promise<{ created: boolean; record: SupervisionItemEntity }> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(SupervisionItemEntity)
        .values(item)
        .orIgnore()
        .execute();
      const record = await manager.findOneByOrFail(SupervisionItemEntity, { id: item.id });
      const created = insertedAny(result);
      if (created) await onCreated(manager);
      return { created, record };
    });
  }

  list(filter: SupervisionItemFilter): Promise<SupervisionItemEntity[]> {
    return this.dataSource
      .getRepository(SupervisionItemEntity)
      .find({ where: filter, order: { deadline: 'ASC', id: 'ASC' } });
  }

  findById(id: string): Promise<SupervisionItemEntity | null> {
    return this.dataSource.getRepository(SupervisionItemEntity).findOneBy({ id });
  }

  eventsOf(itemId: string): Promise<SupervisionEventEntity[]> {
    return this.dataSource.getRepository(SupervisionEventEntity).find({ where: { itemId }, order: { seq: 'ASC' } });
  }
}
