import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import type { ApiException } from './api-exception';
import { QUERY_DEADLINE_MS, toApiException } from './workflow-errors';

type WorkflowHandle = ReturnType<Client['workflow']['getHandle']>;

/** A stored record that one workflow runs and keeps up to date: a case, a supervision item. */
export interface WorkflowRecord {
  id: string;
  workflowId: string;
}

/** What differs between kinds of record: their name in messages, and when and how they are closed. */
export interface WorkflowRecordKind<R extends WorkflowRecord> {
  /** "Case 2026/u01/interview/m3", "Supervision item sv-…". */
  nameOf(record: R): string;
  isClosed(record: R): boolean;
  /** The refusal of a step on a closed record. */
  closedError(record: R): ApiException;
}

/**
 * Human steps and live reads of records run by workflows. The workflow validates and records
 * each step; a closed record's workflow has ended, so the stored record answers for it.
 */
export class WorkflowRecords<R extends WorkflowRecord> {
  constructor(
    private readonly client: Client,
    private readonly kind: WorkflowRecordKind<R>,
  ) {}

  /**
   * Sends a step to the workflow of the record `find` reads (again, when the workflow has gone).
   * `authorise` checks the caller against the record first, when that takes the record.
   */
  async send<T>(
    find: () => Promise<R>,
    step: (handle: WorkflowHandle) => Promise<T>,
    authorise?: (record: R) => void,
  ): Promise<T> {
    const record = await find();
    authorise?.(record);
    this.assertOpen(record);
    try {
      return await step(this.client.workflow.getHandle(record.workflowId));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) this.assertOpen(await find());
      throw toApiException(error, this.kind.nameOf(record));
    }
  }

  /** The workflow's own view of the record; null once the record is closed and its workflow gone. */
  async live<T>(record: R, query: QueryDefinition<T>): Promise<T | null> {
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
