import { Inject, Injectable } from '@nestjs/common';
import type { Actor, CycleOrganisation } from '@jiebang/contracts';
import { CycleRepository } from '@jiebang/persistence';
import { AnnualResultsService } from '../annual/annual-results.service';
import { AuditService } from '../audit/audit.service';
import type { AuditQuery } from '@jiebang/contracts/http/audit';
import { CasesService } from '../cases/cases.service';
import { ApiException } from '../common/api-exception';
import { visibleUnitFilter } from '../common/unit-scope';
import { MonthsService } from '../months/months.service';
import { ProjectMapService } from '../projects/project-map.service';
import type { ProjectMapQuery } from '@jiebang/contracts/http/projects';
import { SupervisionService } from '../supervision/supervision.service';
import {
  CASE_STATUS_LABELS,
  MILESTONE_LABELS,
  MILESTONE_STANDING_LABELS,
  RANKING_STATUS_LABELS,
  ROLE_LABELS,
  RUNG_LABELS,
  SUPERVISION_STATUS_LABELS,
  labelOf,
  yesNo,
} from './ledger-labels';
import { writeCsv, writeLedger, type LedgerSheet } from './ledger-workbook';

/** A ledger file to download. */
export interface LedgerFile {
  name: string;
  content: Buffer;
}

const SCORE = '0.00';
/** The audit trail export reads the trail a page at a time, and stops at this many rows (say a narrower period). */
export const AUDIT_EXPORT_MAX_ROWS = 200_000;
const AUDIT_PAGE = 500;

/**
 * The ledgers (台账) as files, each from the service that answers its page's JSON, so that a
 * ledger holds exactly the rows its page shows.
 */
@Injectable()
export class LedgersService {
  constructor(
    @Inject(CycleRepository) private readonly cycles: CycleRepository,
    @Inject(MonthsService) private readonly months: MonthsService,
    @Inject(CasesService) private readonly cases: CasesService,
    @Inject(SupervisionService) private readonly supervision: SupervisionService,
    @Inject(AnnualResultsService) private readonly annual: AnnualResultsService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(ProjectMapService) private readonly projectMap: ProjectMapService,
  ) {}

  /** The month's ranking, one sheet per category: score, rank, movement since last month, lights, lagging, veto. */
  async ranking(cycleId: string, month: number, version?: number): Promise<LedgerFile> {
    const ranking = await this.months.ranking(cycleId, month, version);
    const previous = month > 1 ? await this.months.ranking(cycleId, month - 1).catch(unlessNotFound) : null;
    const rankBefore = new Map(previous?.units.map((unit) => [unit.unit, unit.rank]) ?? []);
    const { categories, unitName } = await this.names(cycleId);
    const sheets = categories.map(
      (category): LedgerSheet => ({
        name: category.name,
        title: `${cycleId} ${month}月 ${category.name} 排名（${labelOf(RANKING_STATUS_LABELS, ranking.status)}，第${ranking.version}版）`,
        columns: [
          { header: '排名' },
          { header: '单位编码' },
          { header: '责任单位', width: 24 },
          { header: '得分', numFmt: SCORE },
          { header: '较上月' },
          { header: '绿灯' },
          { header: '黄灯' },
          { header: '红灯' },
          { header: '落后' },
          { header: '一票否决' },
          { header: '月度报告' },
        ],
        rows: ranking.units
          .filter((unit) => unit.category === category.id)
          .sort((a, b) => a.rank - b.rank || a.unit.localeCompare(b.unit))
          .map((unit) => {
            const before = rankBefore.get(unit.unit);
            const lights = (light: string) => unit.indicators.filter((indicator) => indicator.light === light).length;
            return [
              unit.rank,
              unit.unit,
              unitName(unit.unit),
              unit.score,
              before === undefined ? '—' : movement(before - unit.rank),
              lights('green'),
              lights('yellow'),
              lights('red'),
              yesNo(unit.lagging),
              yesNo(unit.vetoed),
              unit.reported ? '已报送' : '逾期未报',
            ];
          }),
      }),
    );
    return { name: `${cycleId}-${month}月排名台账.xlsx`, content: await writeLedger(sheets) };
  }

  /** The cases ledger: rung, unit, month, state, approvals, steps and dates. */
  async caseLedger(actor: Actor, cycleId: string): Promise<LedgerFile> {
    const { unitName } = await this.names(cycleId);
    const cases = await this.cases.list(actor, { cycleId });
    const sheet: LedgerSheet = {
      name: '问责台账',
      title: `${cycleId} 问责台账`,
      columns: [
        { header: '问责事项', width: 36 },
        { header: '问责方式', width: 22 },
        { header: '单位编码' },
        { header: '责任单位', width: 24 },
        { header: '月份' },
        { header: '状态' },
        { header: '审批', width: 40 },
        { header: '办理步骤', width: 40 },
        { header: '启动时间', width: 22 },
        { header: '审批时限', width: 22 },
        { header: '办理时限', width: 22 },
        { header: '办结时间', width: 22 },
        { header: '逾期' },
      ],
      rows: cases.map((record) => [
        record.caseId,
        labelOf(RUNG_LABELS, record.rung),
        record.unitId,
        unitName(record.unitId),
        record.month,
        labelOf(CASE_STATUS_LABELS, record.status),
        record.decisions
          .map(
            (decision) =>
              `${ROLE_LABELS[decision.role] ?? decision.role} ${decision.userName ?? decision.userId} ${decision.approve ? '同意' : '不同意'} ${decision.at}`,
          )
          .join('；'),
        record.steps.map((step) => `${step.step} ${step.userName ?? step.userId} ${step.at}`).join('；'),
        record.openedAt,
        record.approvalDueAt,
        record.outcomeDueAt,
        record.closedAt,
        yesNo(record.overdue),
      ]),
    };
    return { name: `${cycleId}-问责台账.xlsx`, content: await writeLedger([sheet]) };
  }

  /**
   * The key project ledger (重点项目台账): the project map's rows with its filters, one line per
   * project: owner unit, leader in command, investment, each milestone's due date and standing,
   * slips (挂牌督战) and stalled months (专盯).
   */
  async projects(cycleId: string, filter: ProjectMapQuery): Promise<LedgerFile> {
    const map = await this.projectMap.map(cycleId, filter);
    const { categories } = await this.names(cycleId);
    const categoryName = new Map(categories.map((category) => [category.id, category.name]));
    const milestone = (kinds: readonly string[]) => (project: (typeof map.projects)[number]) =>
      project.milestones
        .filter((planned) => kinds.includes(planned.kind))
        .map(
          (planned) =>
            `${planned.due} ${labelOf(MILESTONE_STANDING_LABELS, planned.standing)}${planned.reachedMonth === null ? '' : `（${planned.reachedMonth}月）`}`,
        )
        .join('') || '—';
    const kinds = Object.keys(MILESTONE_LABELS);
    const sheet: LedgerSheet = {
      name: '重点项目台账',
      title: `${cycleId} 重点项目台账（截至${map.closedMonths}月）`,
      columns: [
        { header: '项目编码' },
        { header: '项目名称', width: 28 },
        { header: '单位编码' },
        { header: '责任单位', width: 24 },
        { header: '单位类别', width: 16 },
        { header: '挂帅领导' },
        { header: '考核指标' },
        { header: '总投资' },
        { header: '年度计划投资' },
        { header: '本年累计完成投资' },
        ...kinds.map((kind) => ({ header: MILESTONE_LABELS[kind]!, width: 24 })),
        { header: '挂牌督战', width: 30 },
        { header: '专盯' },
        { header: '停滞月份', width: 20 },
      ],
      rows: map.projects.map((project) => [
        project.id,
        project.name,
        project.unit,
        project.unitName,
        categoryName.get(project.category) ?? project.category,
        project.leaderName,
        project.indicator,
        project.plannedInvestment,
        project.yearInvestment,
        project.investmentToDate,
        ...kinds.map((kind) => milestone([kind])(project)),
        project.slipped.map((slip) => `${labelOf(MILESTONE_LABELS, slip.milestone)} ${slip.month}月`).join('；'),
        yesNo(project.stalled),
        project.stalledMonths.map((month) => `${month}月`).join('、'),
      ]),
    };
    return { name: `${cycleId}-重点项目台账.xlsx`, content: await writeLedger([sheet]) };
  }

  /** The supervision ledger: item, unit, deadline, response, verified, 销号 date, overdue. */
  async supervisionItems(actor: Actor, cycleId: string): Promise<LedgerFile> {
    const { unitName } = await this.names(cycleId);
    const items = await this.supervision.list(actor, { cycleId });
    const sheet: LedgerSheet = {
      name: '督办台账',
      title: `${cycleId} 督办事项台账`,
      columns: [
        { header: '督办事项', width: 30 },
        { header: '单位编码' },
        { header: '责任单位', width: 24 },
        { header: '办理时限', width: 22 },
        { header: '状态' },
        { header: '反馈', width: 40 },
        { header: '核实', width: 30 },
        { header: '销号时间', width: 22 },
        { header: '逾期' },
      ],
      rows: items.map((item) => [
        item.title,
        item.unitId,
        unitName(item.unitId),
        item.deadline,
        labelOf(SUPERVISION_STATUS_LABELS, item.status),
        item.responses.map((response) => `${response.at} ${response.text}`).join('；'),
        item.verifications
          .map((check) => `${check.at} ${check.accept ? '通过' : '退回'}${check.comment ? ` ${check.comment}` : ''}`)
          .join('；'),
        item.status === 'closed' ? item.closedAt : null,
        yesNo(item.overdue),
      ]),
    };
    return { name: `${cycleId}-督办台账.xlsx`, content: await writeLedger([sheet]) };
  }

  /** The annual results: per unit, completed or not, year score and rank, veto, year-end cases. */
  async annualResults(actor: Actor, cycleId: string): Promise<LedgerFile> {
    const { categories, unitName } = await this.names(cycleId);
    const annual = await this.annual.list(cycleId, visibleUnitFilter(actor, undefined));
    const categoryName = new Map(categories.map((category) => [category.id, category.name]));
    const sheet: LedgerSheet = {
      name: '年度考核结果',
      title: `${cycleId} 年度考核结果${annual.decided ? '' : '（尚未确定）'}`,
      columns: [
        { header: '单位类别', width: 16 },
        { header: '年度排名' },
        { header: '单位编码' },
        { header: '责任单位', width: 24 },
        { header: '年度得分', numFmt: SCORE },
        { header: '完成年度目标' },
        { header: '一票否决' },
        { header: '年终问责', width: 40 },
      ],
      rows: [...annual.results]
        .sort((a, b) => a.categoryId.localeCompare(b.categoryId) || a.yearRank - b.yearRank)
        .map((result) => [
          categoryName.get(result.categoryId) ?? result.categoryId,
          result.yearRank,
          result.unitId,
          unitName(result.unitId),
          result.yearScore,
          yesNo(result.completed),
          yesNo(result.vetoed),
          result.cases
            .map((record) => `${labelOf(RUNG_LABELS, record.rung)}（${labelOf(CASE_STATUS_LABELS, record.status)}）`)
            .join('；'),
        ]),
    };
    return { name: `${cycleId}-年度考核结果.xlsx`, content: await writeLedger([sheet]) };
  }

  /** The audit trail of a period as CSV, oldest first: every row the filters select, paged through the trail. */
  async auditTrail(query: Omit<AuditQuery, 'beforeSeq' | 'limit'>): Promise<LedgerFile> {
    const rows: Array<Array<string | number | null>> = [];
    for (let beforeSeq: number | undefined; ; ) {
      const page = await this.audit.list({ ...query, beforeSeq, limit: AUDIT_PAGE });
      for (const entry of page.entries)
        rows.push([
          entry.seq,
          entry.occurredAt,
          entry.actor,
          entry.role,
          entry.action,
          entry.subject,
          entry.cycleId,
          entry.unitId,
          entry.reason,
          entry.requestId,
          entry.change === null ? null : JSON.stringify(entry.change),
          entry.hash,
        ]);
      if (rows.length > AUDIT_EXPORT_MAX_ROWS)
        throw new ApiException(
          'VALIDATION_FAILED',
          `The period holds more than ${AUDIT_EXPORT_MAX_ROWS} audit rows; export a shorter period (from, to)`,
        );
      if (page.nextBeforeSeq === null) break;
      beforeSeq = page.nextBeforeSeq;
    }
    rows.reverse();
    const header = [
      '序号',
      '时间',
      '操作人',
      '角色',
      '操作',
      '对象',
      '考核年度',
      '责任单位',
      '原因',
      '请求编号',
      '变更',
      '哈希',
    ];
    const period = [query.from, query.to].filter(Boolean).join('_') || 'all';
    return { name: `audit-${period}.csv`, content: writeCsv(header, rows) };
  }

  private async names(cycleId: string): Promise<{
    categories: CycleOrganisation['categories'];
    unitName: (unitId: string) => string;
  }> {
    if (!(await this.cycles.exists(cycleId)))
      throw new ApiException('CYCLE_NOT_FOUND', `No cycle ${cycleId}`, undefined, { cycle: cycleId });
    const organisation = await this.cycles.organisation(cycleId);
    const names = new Map(organisation.units.map((unit) => [unit.id, unit.name]));
    return { categories: organisation.categories, unitName: (unitId) => names.get(unitId) ?? unitId };
  }
}

/** A month without a ranking yet has no movement to show; any other failure is the caller's. */
function unlessNotFound(error: unknown): null {
  if (error instanceof ApiException && error.code === 'NOT_FOUND') return null;
  throw error;
}

/** ↑2, ↓1, or 持平: the rank's change since last month (a smaller rank is a rise). */
function movement(change: number): string {
  if (change > 0) return `↑${change}`;
  if (change < 0) return `↓${-change}`;
  return '持平';
}
