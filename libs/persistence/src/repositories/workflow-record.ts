import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** One write of a workflow's read model: its record row at revision `seq`, and the event that brought it there. */
export interface WorkflowRecordWrite<Row extends ObjectLiteral, Event extends ObjectLiteral> {
  row: {
    entity: EntityTarget<Row>;
    /** The whole row, `revision` included: inserted the first time. */
    values: QueryDeepPartialEntity<Row>;
    /** The columns a later event may change. */
    moving: string[];
  };
  /** Keyed by (record, seq). */
  event: { entity: EntityTarget<Event>; values: QueryDeepPartialEntity<Event> };
}

/**
 * Stores a workflow's event and moves its record row forward, never back: the row is overwritten
 * only by a higher `revision` and the event is inserted once, so a retried or late write changes
 * nothing. Cases and supervision items are recorded this way.
 */
export async function advanceWorkflowRecord<Row extends ObjectLiteral, Event extends ObjectLiteral>(
  manager: EntityManager,
  { row, event }: WorkflowRecordWrite<Row, Event>,
): Promise<void> {
  const table = manager.getRepository(row.entity).metadata.tableName;
  await manager
    .createQueryBuilder()
    .insert()
    .into(row.entity)
    .values(row.values)
    .orUpdate([...row.moving, 'revision', 'updated_at'], ['id'], {
      overwriteCondition: { where: `${table}.revision < EXCLUDED.revision` },
    })
    .execute();
  await manager.createQueryBuilder().insert().into(event.entity).values(event.values).orIgnore().execute();
}
