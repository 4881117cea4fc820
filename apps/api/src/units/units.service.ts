import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { Actor } from '@jiebang/contracts';
import { signPledgeUpdate } from '@jiebang/contracts/temporal';
import {
  AccountRepository,
  UnitRepository,
  UnitYearRepository,
  type UnitEntity,
  type UnitYearRead,
} from '@jiebang/persistence';
import { ApiException } from '../common/api-exception';
import { toApiException } from '../common/workflow-errors';
import type { SignPledgeResponse, UnitView } from '@jiebang/contracts/http/units';

/**
 * A unit's records and its workflow's human steps. Reads come from Postgres (the read model its
 * workflow keeps, docs/read-model.md), never from a Query: they answer as fast while a month
 * closes as at rest. Steps go to the workflow, which refuses what no longer fits.
 */
@Injectable()
export class UnitsService {
  constructor(
    @Inject(AccountRepository) private readonly accountRepository: AccountRepository,
    @Inject(UnitRepository) private readonly units: UnitRepository,
    @Inject(UnitYearRepository) private readonly years: UnitYearRepository,
    @Inject(Client) private readonly client: Client,
  ) {}

  async view(cycleId: string, unitId: string): Promise<UnitView> {
    const unit = await this.findUnit(cycleId, unitId);
    const [{ status: workflow, pendingSteps, projectInvestment }, { indicators, pledge, notifications, escalations }] =
      await Promise.all([this.yearOf(unit), this.units.recordsOf(cycleId, unitId)]);
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
      pendingSteps,
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
      projectInvestment,
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

  /** The unit's year as its workflow last recorded it (a draft the API saved shows as the draft). */
  private async yearOf(unit: UnitEntity): Promise<UnitYearRead> {
    const year = await this.years.yearOf(unit.cycleId, unit.id);
    if (!year) throw new ApiException('UNIT_NOT_FOUND', `No unit ${unit.id} in cycle ${unit.cycleId}`);
    return year;
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
