import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  MANUAL_RATING_DIMENSIONS,
  unitCycleWorkflowId,
  validateScenario,
  type Actor,
  type CycleWorkflowInput,
  type Scenario,
  type UnitCycleInput,
} from '@jiebang/contracts';
import { cyclePeriods, durationMs, monthTimelines, pledgeTimeline } from '@jiebang/domain';
import {
  CycleRepository,
  isUniqueViolation,
  registerCycleUnits,
  type CycleEntity,
  type IndicatorEntity,
  type KeyProjectRows,
  type UnitEntity,
  type UnitRegisterConflict,
} from '@jiebang/persistence';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { cycleIdFor } from './cycle-id';
import type { CycleDetail, CycleImportResult, CycleSummary } from '@jiebang/contracts/http/cycles';
import { CycleWorkflowStarter } from './cycle-workflow-starter';
import { KeyProjectWorkflowStarter } from '../projects/key-project-workflow-starter';
import { RatingRoundStarter } from '../ratings/rating-round-starter';

/** Who imports a cycle, for its audit rows: a signed-in person, or the demo import at start-up. */
export type CycleImporter = { actor: Actor } | { actor: null; system: 'demo-import' };

/** Imports scenarios as cycles and answers what cycles exist. */
@Injectable()
export class CyclesService {
  private readonly logger = new Logger(CyclesService.name);

  constructor(
    @Inject(CycleRepository) private readonly cycles: CycleRepository,
    @Inject(CycleWorkflowStarter) private readonly starter: CycleWorkflowStarter,
    @Inject(RatingRoundStarter) private readonly ratingRounds: RatingRoundStarter,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(KeyProjectWorkflowStarter) private readonly projectStarter: KeyProjectWorkflowStarter,
  ) {}

  /**
   * Validates a `jiebang-scenario/1` document, stores its cycle (all or nothing) and starts
   * one workflow per unit. Re-posting the same document starts nothing new. The import and the
   * workflows it started are audited as the importer's: a person, or the demo import at start-up.
   */
  async importCycle(document: unknown, importer: CycleImporter): Promise<CycleImportResult> {
    return this.importScenario(this.validOrThrow(document), importer);
  }

  /**
   * The import of a scenario `validateScenario` has already accepted (the target workbook's check
   * ran it): the same storing and starting, without checking 10,000 indicators a second time.
   */
  async importScenario(scenario: Scenario, importer: CycleImporter): Promise<CycleImportResult> {
    refuseHistory(scenario);
    const id = cycleIdFor(scenario.year, scenario.name);
    const digest = digestOf(scenario);
    const existing = await this.cycles.findById(id);
    if (existing && existing.scenarioDigest !== digest) {
      throw new ApiException(
        'CYCLE_CONFLICT',
        `Cycle ${id} (${scenario.year}, "${scenario.name}") already exists with different content; change its name to import another cycle`,
        undefined,
        { cycle: id, year: scenario.year, name: scenario.name },
      );
    }
    if (!existing) assertTimelinesComputable(scenario);
    const { cycle, created } = existing
      ? { cycle: existing, created: false }
      : await this.storeOnce(id, digest, scenario, importer);
    let started: number;
    try {
      const { units, indicators } = await this.cycles.unitsAndIndicators(cycle.id);
      started = await this.starter.startCycle(this.unitInputs(cycle, units, indicators), cycleInput(cycle));
      // 挂牌督战: each key project's milestones under a durable timer (none for a cycle without projects).
      await this.projectStarter.startFor(cycle);
      await this.ratingRounds.startRounds(cycle, indicators);
    } catch (error) {
      if (created) await this.undoImport(cycle, scenario, importer, error);
      throw error;
    }
    if (started > 0)
      await this.audit.record({
        ...importer,
        action: 'cycle.workflows_started',
        subject: `cycles/${id}`,
        cycleId: id,
        change: { unitWorkflows: started },
      });
    this.logger.log(`cycle ${id}: ${created ? 'imported' : 'already imported'}, ${started} workflows started`);
    return { created, workflowsStarted: started, cycle: await this.summary(cycle) };
  }

  /**
   * All or nothing: a cycle this import stored whose workflows did not all start is removed
   * again (its workflows terminated first), so no cycle row stays without its workflows. When
   * that cannot be done (Temporal unreachable, a workflow already wrote for it), the row stays
   * and the same import again starts whatever is missing.
   */
  private async undoImport(
    cycle: CycleEntity,
    scenario: Scenario,
    importer: CycleImporter,
    cause: unknown,
  ): Promise<void> {
    const why = cause instanceof Error ? cause.message : String(cause);
    try {
      const stopped = await this.starter.stopCycle(
        cycle.id,
        scenario.units.map((unit) => unit.id),
      );
      if (!stopped) throw new Error('its workflows could not all be stopped');
      await this.cycles.removeImported(cycle.id, (manager) =>
        this.audit.record(
          {
            ...importer,
            action: 'cycle.import_undone',
            subject: `cycles/${cycle.id}`,
            cycleId: cycle.id,
            reason: `starting its workflows failed: ${why.slice(0, 300)}`,
          },
          manager,
        ),
      );
      this.logger.warn(`cycle ${cycle.id}: import undone, starting its workflows failed (${why})`);
    } catch (error) {
      this.logger.error(
        `cycle ${cycle.id}: starting its workflows failed (${why}) and the import could not be undone (${String(error)}); the same import again starts what is missing`,
      );
    }
  }

  exists(id: string): Promise<boolean> {
    return this.cycles.exists(id);
  }

  async list(): Promise<CycleSummary[]> {
    const cycles = await this.cycles.list();
    return Promise.all(cycles.map((cycle) => this.summary(cycle)));
  }

  async get(id: string): Promise<CycleDetail> {
    const cycle = await this.cycles.findById(id);
    if (!cycle) throw new ApiException('CYCLE_NOT_FOUND', `No cycle ${id}`, undefined, { cycle: id });
    const [summary, organisation] = await Promise.all([this.summary(cycle), this.cycles.organisation(id)]);
    return { ...summary, organisation };
  }

  private validOrThrow(document: unknown): Scenario {
    const validation = validateScenario(document);
    if (validation.ok) return validation.scenario;
    const count = validation.problems.length;
    throw new ApiException(
      'INVALID_SCENARIO',
      `The scenario has ${count} problem${count === 1 ? '' : 's'}; nothing was stored`,
      validation.problems,
    );
  }

  /**
   * Stores the cycle in one transaction; a concurrent import of the same cycle wins the race
   * harmlessly, and only the winner says it created the cycle (the other answers 200).
   */
  private async storeOnce(
    id: string,
    digest: string,
    scenario: Scenario,
    importer: CycleImporter,
  ): Promise<{ cycle: CycleEntity; created: boolean }> {
    try {
      return { cycle: await this.store(id, digest, scenario, importer), created: true };
    } catch (error) {
      const winner = isUniqueViolation(error) ? await this.cycles.findById(id) : null;
      if (winner?.scenarioDigest === digest) return { cycle: winner, created: false };
      throw error;
    }
  }

  private store(id: string, digest: string, scenario: Scenario, importer: CycleImporter): Promise<CycleEntity> {
    const change = {
      name: scenario.name,
      year: scenario.year,
      scenarioDigest: digest,
      categories: scenario.categories.length,
      units: scenario.units.length,
      indicators: scenario.indicators.length,
      ...(scenario.projects ? { projects: scenario.projects.length } : {}),
    };
    return this.cycles.insert(
      {
        cycle: {
          id,
          name: scenario.name,
          year: scenario.year,
          policy: scenario.policy,
          periods: cyclePeriods(scenario.year, scenario.policy.calendar),
          scenarioDigest: digest,
          pledgeOpenedAt: new Date(),
        },
        categories: scenario.categories.map((category) => ({ cycleId: id, id: category.id, name: category.name })),
        units: scenario.units.map((unit) => ({
          cycleId: id,
          id: unit.id,
          name: unit.name,
          categoryId: unit.category,
          head: unit.head ?? null,
          deputy: unit.deputy ?? null,
          workflowId: unitCycleWorkflowId(id, unit.id),
        })),
        indicators: scenario.indicators.map((indicator) => ({
          cycleId: id,
          id: indicator.id,
          unitId: indicator.unit,
          name: indicator.name,
          dimension: indicator.dimension,
          direction: indicator.direction,
          measure: indicator.measure,
          weight: indicator.weight,
          satisfactory: indicator.satisfactory,
          disallowed: indicator.disallowed,
          plan: indicator.plan ?? null,
          basis: indicator.basis ?? null,
          cooperating: indicator.cooperating ?? [],
          raters: indicator.raters ?? null,
          ratedMonths: indicator.ratedMonths ?? null,
          failBelow: indicator.failBelow ?? null,
        })),
        keyProjects: keyProjectRows(id, scenario),
      },
      async (manager) => {
        const units = scenario.units.map((unit) => ({ id: unit.id, name: unit.name, categoryId: unit.category }));
        const conflicts = await registerCycleUnits(manager, id, units);
        if (conflicts.length > 0) throw unitIdsReused(conflicts);
        await this.audit.record(
          { ...importer, action: 'cycle.imported', subject: `cycles/${id}`, cycleId: id, change },
          manager,
        );
      },
    );
  }

  private unitInputs(
    cycle: CycleEntity,
    units: readonly UnitEntity[],
    indicators: readonly IndicatorEntity[],
  ): UnitCycleInput[] {
    const pledge = pledgeTimeline(cycle.pledgeOpenedAt.toISOString(), cycle.policy);
    const months = monthTimelines(cycle.periods, cycle.policy);
    const isRated = (dimension: string) => (MANUAL_RATING_DIMENSIONS as readonly string[]).includes(dimension);
    // Each unit's indicators by one pass (a filter per unit is 10 million comparisons at 1,000 units).
    const byUnit = new Map<string, IndicatorEntity[]>();
    for (const indicator of indicators) {
      const own = byUnit.get(indicator.unitId);
      if (own) own.push(indicator);
      else byUnit.set(indicator.unitId, [indicator]);
    }
    return units.map((unit) => {
      const own = byUnit.get(unit.id) ?? [];
      return {
        cycleId: cycle.id,
        unitId: unit.id,
        reportedIndicatorIds: own.filter((indicator) => !isRated(indicator.dimension)).map((indicator) => indicator.id),
        ratedIndicatorIds: own.filter((indicator) => isRated(indicator.dimension)).map((indicator) => indicator.id),
        pledgeDeadline: pledge.deadline,
        pledgeReminders: pledge.reminders,
        months,
        resubmitWindowMs: durationMs(cycle.policy.resubmitDeadline),
        reviewWindowMs: durationMs(cycle.policy.reviewDeadline),
        reminderOffsets: [...cycle.policy.reminderOffsets],
        // Cycles stored before the policy had it run with the rulebook's default.
        headConfirmation: cycle.policy.headConfirmation ?? true,
      };
    });
  }

  /**
   * The pledge deadline, or null for a cycle stored before durations had their ranges whose
   * deadline lies past the last representable date: one such cycle must not break the list.
   */
  private pledgeDeadlineOf(cycle: CycleEntity): string | null {
    try {
      return pledgeTimeline(cycle.pledgeOpenedAt.toISOString(), cycle.policy).deadline;
    } catch (error) {
      this.logger.warn(`cycle ${cycle.id}: no pledge deadline (${String(error)})`);
      return null;
    }
  }

  private async summary(cycle: CycleEntity): Promise<CycleSummary> {
    const { categories, units, indicators } = await this.cycles.counts(cycle.id);
    return {
      id: cycle.id,
      name: cycle.name,
      year: cycle.year,
      categories,
      units,
      indicators,
      pledgeOpenedAt: cycle.pledgeOpenedAt.toISOString(),
      pledgeDeadline: this.pledgeDeadlineOf(cycle),
      periods: cycle.periods,
      policy: cycle.policy,
    };
  }
}

/** The cycle workflow checks this often whether every report of a month is reviewed. */
const MAX_REVIEW_POLL_MS = 60_000;

function cycleInput(cycle: CycleEntity): CycleWorkflowInput {
  const reviewWindowMs = durationMs(cycle.policy.reviewDeadline);
  return {
    cycleId: cycle.id,
    months: monthTimelines(cycle.periods, cycle.policy).map(({ month, opensAt, reviewDueAt }) => ({
      month,
      opensAt,
      reviewDueAt,
    })),
    appealWindowMs: durationMs(cycle.policy.appealWindow),
    reviewPollMs: Math.max(200, Math.min(MAX_REVIEW_POLL_MS, Math.floor(reviewWindowMs / 20))),
  };
}

/**
 * Computes the timelines the workflows will be started with before anything is stored, so an
 * import whose dates cannot be computed is refused (400 naming the policy) and leaves no cycle
 * row without its workflows. Validation's ranges keep this from happening; this is the backstop.
 */
function assertTimelinesComputable(scenario: Scenario): void {
  try {
    const periods = cyclePeriods(scenario.year, scenario.policy.calendar);
    pledgeTimeline(new Date().toISOString(), scenario.policy);
    monthTimelines(periods, scenario.policy);
    for (const name of ['resubmitDeadline', 'reviewDeadline', 'appealWindow', 'approvalDeadline'] as const)
      durationMs(scenario.policy[name]);
  } catch (error) {
    throw new ApiException('INVALID_SCENARIO', "The scenario's dates cannot be computed; nothing was stored", [
      { path: 'policy', message: error instanceof Error ? error.message : String(error) },
    ]);
  }
}

/**
 * A live cycle gets its reports through the report steps and its vetoes from assessors: the
 * scenario's `reports` and `vetoes` (simulation input, `jiebang simulate`) are refused, never
 * dropped in silence. Importing them as the history of months already past is not supported.
 */
function refuseHistory(scenario: Scenario): void {
  const problems = [
    ...Object.keys(scenario.reports).map((unit) => ({
      path: `reports.${unit}`,
      message: 'a live cycle takes reports through the report steps, not from the import; remove "reports"',
    })),
    ...Object.keys(scenario.progress ?? {}).map((project) => ({
      path: `progress.${project}`,
      message:
        'a live cycle takes key projects\' progress through the monthly reports, not from the import; remove "progress"',
    })),
    ...scenario.vetoes.map((_veto, index) => ({
      path: `vetoes[${index}]`,
      message:
        'a live cycle takes vetoes from assessors (POST /cycles/{id}/vetoes), not from the import; remove "vetoes"',
    })),
  ];
  if (problems.length > 0)
    throw new ApiException(
      'SCENARIO_HISTORY_NOT_IMPORTED',
      'The scenario carries reports, progress or vetoes: a live cycle does not import history; remove them (they are input for `jiebang simulate`); nothing was stored',
      problems,
    );
}

/** The scenario's key projects (三挂) and leaders as rows, or none when it lists neither. */
function keyProjectRows(cycleId: string, scenario: Scenario): KeyProjectRows | undefined {
  if (!scenario.projects && !scenario.leaders) return undefined;
  return {
    leaders: (scenario.leaders ?? []).map(({ id, name, title }) => ({ cycleId, id, name, title })),
    projects: (scenario.projects ?? []).map((project, position) => ({
      cycleId,
      id: project.id,
      position,
      name: project.name,
      unitId: project.unit,
      leaderId: project.leader,
      indicatorId: project.indicator,
      plannedInvestment: project.plannedInvestment,
      yearInvestment: project.yearInvestment,
    })),
    milestones: (scenario.projects ?? []).flatMap((project) =>
      project.milestones.map(({ kind, due }) => ({ cycleId, projectId: project.id, kind, due })),
    ),
  };
}

/** 409 naming each unit whose id the district's unit register holds for another unit. */
function unitIdsReused(conflicts: UnitRegisterConflict[]): ApiException {
  const problems = conflicts.map(({ index, id, name, registeredId, registeredName }) => ({
    path: `units[${index}].id`,
    message:
      registeredId === id
        ? `unit id ${id} is ${registeredName} in the district's unit register, not ${name}: give ${name} its own id, or the registered name`
        : `unit id ${id} differs only in case from the registered ${registeredId} (${registeredName}): use ${registeredId} or another id`,
  }));
  return new ApiException(
    'UNIT_ID_REUSED',
    `The scenario reuses unit ids of other units: ${problems.map((problem) => problem.message).join('; ')}; nothing was stored`,
    problems,
  );
}

function digestOf(scenario: Scenario): string {
  return createHash('sha256').update(JSON.stringify(scenario)).digest('hex');
}
