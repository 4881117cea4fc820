import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import {
  CLOSED_CASE_STATUSES,
  caseStatusQuery,
  decideCaseUpdate,
  recordCaseStepUpdate,
  type Actor,
  type CaseSnapshot,
} from '@jiebang/contracts';
import { seesUnit } from '@jiebang/domain';
import { CaseRepository, type CaseEntity } from '@jiebang/persistence';
import { ApiException } from '../common/api-exception';
import { visibleUnitFilter } from '../common/unit-scope';
import { WorkflowRecords } from '../common/workflow-record';
import type { DecideCaseBody, ListCasesQuery, RecordCaseStepBody } from './case.schemas';
import { toCaseEventView, toCaseView, type CaseDetailView, type CaseView } from './case.dto';

/** Consequence cases: read from the stored record, changed only through the case's workflow. */
@Injectable()
export class CasesService {
  private readonly workflows: WorkflowRecords<CaseEntity>;

  constructor(
    @Inject(CaseRepository) private readonly cases: CaseRepository,
    @Inject(Client) client: Client,
  ) {
    this.workflows = new WorkflowRecords(client, {
      nameOf: (record) => `Case ${record.id}`,
      isClosed: (record) => CLOSED_CASE_STATUSES.includes(record.status),
      closedError: (record) =>
        new ApiException('CASE_CLOSED', `Case ${record.id} is ${record.status} and accepts nothing more`),
    });
  }

  async list(actor: Actor, query: ListCasesQuery): Promise<CaseView[]> {
    const records = await this.cases.list({
      cycleId: query.cycleId,
      unitId: visibleUnitFilter(actor, query.unitId),
      status: query.status,
    });
    return records.map(toCaseView);
  }

  async get(actor: Actor, caseId: string): Promise<CaseDetailView> {
    const record = await this.find(actor, caseId);
    const [events, live] = await Promise.all([
      this.cases.eventsOf(caseId),
      this.workflows.live(record, caseStatusQuery),
    ]);
    return { ...toCaseView(record), events: events.map(toCaseEventView), live };
  }

  decide(actor: Actor, caseId: string, body: DecideCaseBody): Promise<CaseSnapshot> {
    return this.workflows.send(
      () => this.find(actor, caseId),
      (handle) => handle.executeUpdate(decideCaseUpdate, { args: [{ actor, ...body }] }),
    );
  }

  recordStep(actor: Actor, caseId: string, body: RecordCaseStepBody): Promise<CaseSnapshot> {
    return this.workflows.send(
      () => this.find(actor, caseId),
      (handle) => handle.executeUpdate(recordCaseStepUpdate, { args: [{ actor, ...body }] }),
    );
  }

  private async find(actor: Actor, caseId: string): Promise<CaseEntity> {
    const record = await this.cases.findById(caseId);
    // A case of a unit the actor may not see answers exactly as an absent one.
    if (!record || !seesUnit(actor, record.unitId))
      throw new ApiException(
        'CASE_NOT_FOUND',
        `No case ${caseId} (case ids are cycle/unit/rung/m<month>, URL-encoded in paths)`,
      );
    return record;
  }
}
