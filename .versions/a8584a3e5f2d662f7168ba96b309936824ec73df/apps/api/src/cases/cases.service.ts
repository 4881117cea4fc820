import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource, type FindOptionsWhere } from 'typeorm';
import {
  CLOSED_CASE_STATUSES,
  caseStatusQuery,
  decideCaseUpdate,
  recordCaseStepUpdate,
  type Actor,
  type CaseSnapshot,
} from '../../../../libs/contracts/src';
import { CaseEntity, CaseEventEntity } from '../../../../libs/persistence/src';
import { ApiException } from '../common/api-exception';
import { requireSightOfUnit, visibleUnitFilter } from '../common/unit-scope';
import { toApiException } from '../common/workflow-errors';
import type { DecideCaseBody, ListCasesQuery, RecordCaseStepBody } from './case.schemas';
import { toCaseEventView, toCaseView, type CaseDetailView, type CaseView } from './case.dto';

/** How long a read waits for the case's workflow to answer a Query. */
const QUERY_DEADLINE_MS = 5_000;

type CaseHandle = ReturnType<Client['workflow']['getHandle']>;

/** Consequence cases: read from the stored record, changed only through the case's workflow. */
@Injectable()
export class CasesService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Client) private readonly client: Client,
  ) {}

  async list(actor: Actor, query: ListCasesQuery): Promise<CaseView[]> {
    const where: FindOptionsWhere<CaseEntity> = {
      cycleId: query.cycleId,
      unitId: visibleUnitFilter(actor, query.unitId),
      status: query.status,
    };
    const records = await this.dataSource
      .getRepository(CaseEntity)
      .find({ where, order: { cycleId: 'ASC', unitId: 'ASC', month: 'ASC', openedAt: 'ASC' } });
    return records.map(toCaseView);
  }

  async get(actor: Actor, caseId: string): Promise<CaseDetailView> {
    const record = await this.find(actor, caseId);
    const [events, live] = await Promise.all([
      this.dataSource.getRepository(CaseEventEntity).find({ where: { caseId }, order: { seq: 'ASC' } }),
      this.liveStatus(record),
    ]);
    return { ...toCaseView(record), events: events.map(toCaseEventView), live };
  }

  decide(actor: Actor, caseId: string, body: DecideCaseBody): Promise<CaseSnapshot> {
    return this.update(actor, caseId, (handle) =>
      handle.executeUpdate(decideCaseUpdate, { args: [{ actor, ...body }] }),
    );
  }

  recordStep(actor: Actor, caseId: string, body: RecordCaseStepBody): Promise<CaseSnapshot> {
    return this.update(actor, caseId, (handle) =>
      handle.executeUpdate(recordCaseStepUpdate, { args: [{ actor, ...body }] }),
    );
  }

  /** The workflow validates and records the step; a closed case's workflow has ended, so the record answers for it. */
  private async update(
    actor: Actor,
    caseId: string,
    send: (handle: CaseHandle) => Promise<CaseSnapshot>,
  ): Promise<CaseSnapshot> {
    const record = await this.find(actor, caseId);
    this.assertOpen(record);
    try {
      return await send(this.client.workflow.getHandle(record.workflowId));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) this.assertOpen(await this.find(actor, caseId));
      throw toApiException(error, `Case ${caseId}`);
    }
  }

  private async liveStatus(record: CaseEntity): Promise<CaseSnapshot | null> {
    try {
      return await this.client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
        this.client.workflow.getHandle(record.workflowId).query(caseStatusQuery),
      );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError && isClosed(record)) return null;
      throw toApiException(error, `Case ${record.id}`);
    }
  }

  private async find(actor: Actor, caseId: string): Promise<CaseEntity> {
    const record = await this.dataSource.getRepository(CaseEntity).findOneBy({ id: caseId });
    if (!record)
      throw new ApiException(
        'CASE_NOT_FOUND',
        `No case ${caseId} (case ids are cycle/unit/rung/m<month>, URL-encoded in paths)`,
      );
    requireSightOfUnit(actor, record.unitId);
    return record;
  }

  private assertOpen(record: CaseEntity): void {
    if (isClosed(record))
      throw new ApiException('CASE_CLOSED', `Case ${record.id} is ${record.status} and accepts nothing more`);
  }
}

function isClosed(record: CaseEntity): boolean {
  return CLOSED_CASE_STATUSES.includes(record.status);
}
