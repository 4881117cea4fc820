import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import type { Actor } from '@jiebang/contracts';
import { seesUnit } from '@jiebang/domain';
import type { ApiException } from './api-exception';
import { QUERY_DEADLINE_MS, toApiException } from './workflow-errors';

type WorkflowHandle = ReturnType<Client['workflow']['getHandle']>;

/** A stored record that one workflow runs and keeps up to date: a case, a supervision item. */
export interface WorkflowRecord {
  id: string;
  workflowId: string;
  unitId: string;
}

/** What differs between kinds of record: where they are stored, their names in messages, and when and how they are closed. */
export interface WorkflowRecordKind<R extends WorkflowRecord, E> {
  findById(id: string): Promise<R | null>;
  /** The record's events, oldest first. */
  eventsOf(id: string): Promise<E[]>;
  /** The refusal of an id that names no record the caller may see. */
  notFound(id: string): ApiException;
  /** "Case 2026/u01/interview/m3", "Supervision item sv-…". */
  nameOf(record: R): string;
  isClosed(record: R): boolean;
  /** The refusal of a step on a closed record. */
  closedError(record: R): ApiException;
}

/** A record with its events and the workflow's own view of it (null once it is closed and its workflow gone). */
export interface WorkflowRecordDetail<R, E, L> {
  record: R;
  events: E[];
  live: L | null;
}

/**
 * Reads and human steps of records run by workflows. The workflow validates and records each
 * step; a closed record's workflow has ended, so the stored record answers for it.
 */
export class WorkflowRecords<R extends WorkflowRecord, E> {
  constructor(
    private readonly client: Client,
    private readonly kind: WorkflowRecordKind<R, E>,
  ) {}

  /** The record; one of a unit the actor may not see answers exactly as an absent one (no existence oracle). */
  async find(actor: Actor, id: string): Promise<R> {
    const record = await this.kind.findById(id);
    if (!record || !seesUnit(actor, record.unitId)) throw this.kind.notFound(id);
    return record;
  }

  /** The record, its events and what its workflow says of it now. */
  async detail<L>(actor: Actor, id: string, query: QueryDefinition<L>): Promise<WorkflowRecordDetail<R, E, L>> {
    const record = await this.find(actor, id);
    const [events, live] = await Promise.all([this.kind.eventsOf(id), this.live(record, query)]);
    return { record, events, live };
  }

  /**
   * Sends a step to the workflow of the record (read again when the workflow has gone).
   * `authorise` checks the caller against the record first, when that takes the record.
   */
  async send<T>(
    actor: Actor,
    id: string,
    step: (handle: WorkflowHandle) => Promise<T>,
    authorise?: (record: R) => void,
  ): Promise<T> {
    const record = await this.find(actor, id);
    authorise?.(record);
    this.assertOpen(record);
    try {
      return await step(this.client.workflow.getHandle(record.workflowId));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) this.assertOpen(await this.find(actor, id));
      throw toApiException(error, this.kind.nameOf(record));
    }
  }

  /** The workflow's own view of the record; null once the record is closed and its workflow gone. */
  private async live<L>(record: R, query: QueryDefinition<L>): Promise<L | null> {
    try {
      return await this.client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
        this.client.workflow.getHandle(record.workflowId).query(query),
      );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError && this.kind.isClosed(record)) return null;
      throw toApiException(error, this.kind.nameOf(record));
    }
  }

  private assertOpen(record: R): void {
    if (this.kind.isClosed(record)) throw this.kind.closedError(record);
  }
}
