import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { EDITABLE_REPORT_STATUSES, type Actor, type UnitCycleStatus } from '@jiebang/contracts';
import { signPledgeUpdate, unitStatusQuery } from '@jiebang/contracts/temporal';
import { AccountRepository, ReportDraftRepository, UnitRepository, type UnitEntity } from '@jiebang/persistence';
import { ApiException } from '../common/api-exception';
import { QUERY_DEADLINE_MS, toApiException } from '../common/workflow-errors';
import type { SignPledgeResponse, UnitView } from '@jiebang/contracts/http/units';

/** A unit's records and its workflow's human steps. */
@Injectable()
export class UnitsService {
  constructor(
    @Inject(AccountRepository) private readonly accountRepository: AccountRepository,
    @Inject(UnitRepository) private readonly units: UnitRepository,
    @Inject(ReportDraftRepository) private readonly drafts: ReportDraftRepository,
    @Inject(Client) private readonly client: Client,
  ) {}

  async view(cycleId: string, unitId: string): Promise<UnitView> {
    const unit = await this.findUnit(cycleId, unitId);
    const [status, drafts, { indicators, pledge, notifications, escalations }] = await Promise.all([
      this.workflowStatus(unit),
      this.drafts.draftsOf(cycleId, unitId),
      this.units.recordsOf(cycleId, unitId),
    ]);
    const workflow = withStoredDrafts(status, drafts);
    const signerName = pledge && (await this.displayNameOf(pledge.signedBy));
    return {
      cycleId,
      id: unit.id,
      name: unit.name,
      categoryId: unit.categoryId,
      head: unit.head,
      deputy: unit.deputy,
      workflowId: unit.workflowId,
      workflow,
      indicators: indicators.map(
        ({ id, name, dimension, direction, measure, weight, satisfactory, disallowed, plan, basis, cooperating }) => ({
          id,
          name,
          dimension,
          direction,
          measure,
          weight,
          satisfactory,
          disallowed,
          plan,
          basis,
          cooperating,
        }),
      ),
      pledge: pledge && {
        signedBy: pledge.signedBy,
        signedByName: signerName ?? pledge.signedBy,
        signedAt: pledge.signedAt.toISOString(),
        late: pledge.late,
      },
      notifications: notifications.map((n) => ({
        key: n.key,
        kind: n.kind,
        recipientRole: n.recipientRole,
        subject: n.subject,
        dueAt: n.dueAt?.toISOString() ?? null,
        createdAt: n.createdAt.toISOString(),
      })),
      escalations: escalations.map((e) => ({
        addressedTo: e.addressedTo,
        reason: e.reason,
        status: e.status,
        openedAt: e.openedAt.toISOString(),
      })),
    };
  }

  /** The unit head signs the pledge; the workflow decides whether it may be signed now. */
  async signPledge(cycleId: string, unitId: string, actor: Actor): Promise<SignPledgeResponse> {
    const unit = await this.findUnit(cycleId, unitId);
    try {
      return await this.client.workflow
        .getHandle(unit.workflowId)
        .executeUpdate(signPledgeUpdate, { args: [{ actor }] });
    } catch (error) {
      throw toApiException(error, `Unit ${unitId}`);
    }
  }

  /** The signer's display name, for people who read names, not account ids. */
  private async displayNameOf(accountId: string): Promise<string | undefined> {
    const names = await this.accountRepository.displayNamesOf([accountId]);
    return names.get(accountId);
  }

  private async workflowStatus(unit: UnitEntity): Promise<UnitCycleStatus> {
    try {
      return await this.client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
        this.client.workflow.getHandle(unit.workflowId).query(unitStatusQuery),
      );
    } catch (error) {
      throw toApiException(error, `Unit ${unit.id}`);
    }
  }

  private async findUnit(cycleId: string, unitId: string): Promise<UnitEntity> {
    const unit = await this.units.findById(cycleId, unitId);
    if (!unit)
      throw new ApiException('UNIT_NOT_FOUND', `No unit ${unitId} in cycle ${cycleId}`, undefined, {
        unit: unitId,
        cycle: cycleId,
      });
    return unit;
  }
}

/**
 * The drafts the API saved straight to the stored reports, which the workflow never saw: shown in
 * the workflow's reports while the unit may still change them.
 */
function withStoredDrafts(
  status: UnitCycleStatus,
  drafts: Awaited<ReturnType<ReportDraftRepository['draftsOf']>>,
): UnitCycleStatus {
  const reports = status.reports.map((report) => {
    const draft = drafts.get(report.month);
    if (!draft || !EDITABLE_REPORT_STATUSES.includes(report.status)) return report;
    return { ...report, status: 'draft' as const, values: draft.values, texts: draft.texts };
  });
  return { ...status, reports };
}
