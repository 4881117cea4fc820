import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { cycleWorkflowId, type Actor, type CycleStatus, type MonthCloseState } from '@jiebang/contracts';
import {
  closeMonthNowUpdate,
  cycleStatusQuery,
  decideAppealUpdate,
  fileAppealUpdate,
  publishBulletinUpdate,
} from '@jiebang/contracts/temporal';
import { deemedFailed, seesUnit } from '@jiebang/domain';
import { CycleRepository, MonthRankingRepository } from '@jiebang/persistence';
import { ApiException } from '../common/api-exception';
import { QUERY_DEADLINE_MS, toApiException } from '../common/workflow-errors';
import { requireSeparationOfDuties } from '../common/separation-of-duties';
import type { BulletinParagraphsBody } from '@jiebang/contracts/http/bulletin';
import { BulletinService } from '../bulletin/bulletin.service';
import type { BulletinVersionView } from '@jiebang/contracts/http/bulletin';
import type { DecideAppealBody, FileAppealBody } from '@jiebang/contracts/http/months';
import type { MonthRankingView } from '@jiebang/contracts/http/months';

/** A month just published, with its archived bulletin (null if it could not be produced). */
export type PublishedMonth = MonthCloseState & { bulletin: BulletinVersionView | null };

/** The cycle's months: closing, appeals, bulletins (steps of the cycle workflow) and frozen rankings. */
@Injectable()
export class MonthsService {
  private readonly logger = new Logger(MonthsService.name);

  constructor(
    @Inject(BulletinService) private readonly bulletins: BulletinService,
    @Inject(CycleRepository) private readonly cycles: CycleRepository,
    @Inject(MonthRankingRepository) private readonly rankings: MonthRankingRepository,
    @Inject(Client) private readonly client: Client,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  async status(cycleId: string, actor: Actor): Promise<CycleStatus> {
    await this.assertCycle(cycleId);
    let status: CycleStatus;
    try {
      status = await this.client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
        this.handle(cycleId).query(cycleStatusQuery),
      );
    } catch (error) {
      throw toApiException(error, `Cycle ${cycleId}`);
    }
    // Appeals carry a unit's reasons: unit people see their own unit's only.
    return {
      ...status,
      months: status.months.map((month) => ({
        ...month,
        appeals: month.appeals.filter((appeal) => seesUnit(actor, appeal.unitId)),
      })),
    };
  }

  closeNow(cycleId: string, month: number, actor: Actor): Promise<MonthCloseState> {
    return this.update(cycleId, (handle) => handle.executeUpdate(closeMonthNowUpdate, { args: [{ actor, month }] }));
  }

  fileAppeal(cycleId: string, month: number, actor: Actor, body: FileAppealBody): Promise<MonthCloseState> {
    return this.update(cycleId, (handle) =>
      handle.executeUpdate(fileAppealUpdate, { args: [{ actor, month, ...body }] }),
    );
  }

  decideAppeal(
    cycleId: string,
    month: number,
    unitId: string,
    actor: Actor,
    body: DecideAppealBody,
  ): Promise<MonthCloseState> {
    requireSeparationOfDuties(actor, 'appeal decision', { unitId });
    return this.update(cycleId, (handle) =>
      handle.executeUpdate(decideAppealUpdate, { args: [{ actor, month, unitId, ...body }] }),
    );
  }

  /** Publishes the month (a step of the cycle workflow), then produces and archives its bulletin PDF. */
  async publish(
    cycleId: string,
    month: number,
    actor: Actor,
    paragraphs: BulletinParagraphsBody = {},
  ): Promise<PublishedMonth> {
    const state = await this.update(cycleId, (handle) =>
      handle.executeUpdate(publishBulletinUpdate, { args: [{ actor, month }] }),
    );
    // The month is public from here; a bulletin that fails to render is issued again with POST .../bulletins.
    try {
      return { ...state, bulletin: await this.bulletins.archive(cycleId, month, actor, paragraphs) };
    } catch (error) {
      this.logger.error(`The bulletin of month ${month} of ${cycleId} was not archived: ${String(error)}`);
      return { ...state, bulletin: null };
    }
  }

  /** A frozen ranking: the given version, or the latest one. Earlier versions stay readable. */
  async ranking(cycleId: string, month: number, version?: number): Promise<MonthRankingView> {
    await this.assertCycle(cycleId);
    const ranking = await this.rankings.find(cycleId, month, version);
    if (!ranking)
      throw new ApiException(
        'NOT_FOUND',
        `Month ${month} of cycle ${cycleId} has no ranking${version ? ` version ${version}` : ' yet'}`,
      );
    const scores = await this.rankings.scoresOf(cycleId, month, ranking.version);
    const failed = await this.deemedFailedOf(cycleId, month);
    return {
      cycleId,
      month,
      version: ranking.version,
      status: ranking.status,
      reason: ranking.reason,
      cause: ranking.cause,
      createdBy: ranking.createdBy,
      createdAt: ranking.createdAt.toISOString(),
      publishedBy: ranking.publishedBy,
      units: scores.map((score) => ({
        unit: score.unitId,
        category: score.categoryId,
        score: score.score,
        rank: score.rank,
        lagging: score.lagging,
        vetoed: score.vetoed,
        reported: score.reported,
        indicators: score.indicators.map((row) => {
          const why = failed.get(`${score.unitId}\n${row.indicator}`);
          return why && row.light === 'red' ? { ...row, deemedFailed: why } : row;
        }),
      })),
      cases: ranking.cases,
    };
  }

  /**
   * 视为不合格 of the month: each indicator with `failBelow` whose value in the unit's report (an
   * assessor's number or a rating round's value) is below it, with the value and the bar, so the
   * ranking can say where it applied and why. Keyed by unit and indicator.
   */
  private async deemedFailedOf(
    cycleId: string,
    month: number,
  ): Promise<Map<string, { value: number; failBelow: number }>> {
    const rows = (await this.dataSource.query(
      `SELECT i.unit_id, i.id, i.fail_below, COALESCE(r.ratings -> i.id, r.values -> i.id) AS value
         FROM indicators i JOIN reports r ON r.cycle_id = i.cycle_id AND r.unit_id = i.unit_id AND r.month = $2
        WHERE i.cycle_id = $1 AND i.fail_below IS NOT NULL`,
      [cycleId, month],
    )) as Array<{ unit_id: string; id: string; fail_below: number; value: unknown }>;
    const failed = new Map<string, { value: number; failBelow: number }>();
    for (const row of rows)
      if (typeof row.value === 'number' && deemedFailed({ failBelow: row.fail_below }, row.value))
        failed.set(`${row.unit_id}\n${row.id}`, { value: row.value, failBelow: row.fail_below });
    return failed;
  }

  private async update(
    cycleId: string,
    send: (handle: ReturnType<MonthsService['handle']>) => Promise<MonthCloseState>,
  ): Promise<MonthCloseState> {
    await this.assertCycle(cycleId);
    try {
      return await send(this.handle(cycleId));
    } catch (error) {
      throw toApiException(error, `Cycle ${cycleId}`);
    }
  }

  private handle(cycleId: string) {
    return this.client.workflow.getHandle(cycleWorkflowId(cycleId));
  }

  private async assertCycle(cycleId: string): Promise<void> {
    if (!(await this.cycles.exists(cycleId)))
      throw new ApiException('CYCLE_NOT_FOUND', `No cycle ${cycleId}`, undefined, { cycle: cycleId });
  }
}
