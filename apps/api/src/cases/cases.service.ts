import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { CLOSED_CASE_STATUSES, type Actor, type CaseSnapshot } from '@jiebang/contracts';
import { caseStatusQuery, decideCaseUpdate, recordCaseStepUpdate } from '@jiebang/contracts/temporal';
import { AccountRepository, CaseRepository, type CaseEntity, type CaseEventEntity } from '@jiebang/persistence';
import { ApiException } from '../common/api-exception';
import { visibleUnitFilter } from '../common/unit-scope';
import { requireSeparationOfDuties } from '../common/separation-of-duties';
import { WorkflowRecords } from '../common/workflow-record';
import type { DecideCaseBody, ListCasesQuery, RecordCaseStepBody } from '@jiebang/contracts/http/cases';
import { actorsOf, toCaseEventView, toCaseView, type CaseDetailView, type CasePeople, type CaseView } from './case.dto';

/** Consequence cases: read from the stored record, changed only through the case's workflow. */
@Injectable()
export class CasesService {
  private readonly workflows: WorkflowRecords<CaseEntity, CaseEventEntity>;

  constructor(
    @Inject(AccountRepository) private readonly accountRepository: AccountRepository,
    @Inject(CaseRepository) private readonly cases: CaseRepository,
    @Inject(Client) client: Client,
  ) {
    this.workflows = new WorkflowRecords(client, {
      findById: (id) => cases.findById(id),
      eventsOf: (id) => cases.eventsOf(id),
      notFound: (id) =>
        new ApiException(
          'CASE_NOT_FOUND',
          `No case ${id} (case ids are cycle/unit/rung/m<month>, URL-encoded in paths)`,
        ),
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
    const people = await this.peopleOf(records);
    return records.map((record) => toCaseView(record, people));
  }

  async get(actor: Actor, caseId: string): Promise<CaseDetailView> {
    const { record, events, live } = await this.workflows.detail(actor, caseId, caseStatusQuery);
    return { ...toCaseView(record, await this.peopleOf([record])), events: events.map(toCaseEventView), live };
  }

  private async peopleOf(records: CaseEntity[]): Promise<CasePeople> {
    const accounts = this.accountRepository;
    const [postHolders, names] = await Promise.all([
      accounts.postHoldersOf([...new Set(records.map((record) => record.unitId))]),
      accounts.displayNamesOf(records.flatMap(actorsOf)),
    ]);
    return { postHolders, names };
  }

  decide(actor: Actor, caseId: string, body: DecideCaseBody): Promise<CaseSnapshot> {
    return this.workflows.send(
      actor,
      caseId,
      (handle) => handle.executeUpdate(decideCaseUpdate, { args: [{ actor, ...body }] }),
      (record) =>
        requireSeparationOfDuties(actor, 'case decision', {
          unitId: record.unitId,
          people: [record.concerns.head, record.concerns.deputy],
        }),
    );
  }

  recordStep(actor: Actor, caseId: string, body: RecordCaseStepBody): Promise<CaseSnapshot> {
    return this.workflows.send(actor, caseId, (handle) =>
      handle.executeUpdate(recordCaseStepUpdate, { args: [{ actor, ...body }] }),
    );
  }
}
