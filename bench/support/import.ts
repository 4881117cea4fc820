import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { cycleIdFor } from '../../apps/api/src/cycles/cycle-id';
import { unitCycleWorkflowId, validateScenario, type ScenarioInput } from '../../libs/contracts/src';
import { cyclePeriods } from '../../libs/domain/src';
import { CategoryEntity, CycleEntity, dataSourceOptions, IndicatorEntity, UnitEntity } from '../../libs/persistence/src';
import type { BenchSystem } from './system';

/** Rows per INSERT when the benchmark stores a cycle itself: 1,000 indicators × 11 columns stays far below Postgres's 65,535 bind parameters. */
const ROWS_PER_INSERT = 1_000;

export interface ImportResult {
  cycleId: string;
  ms: number;
  workflowsStarted: number;
  /** Set when POST /cycles could not store the cycle and the benchmark stored it (see importCycle). */
  workaround?: string;
}

/**
 * Imports a scenario through POST /cycles. A district of 10,000 indicators is refused with a
 * 500 today: CyclesService.store inserts all indicators in one statement, 11 bind parameters
 * each, and Postgres takes at most 65,535 per statement. Then, so the benchmark can still
 * measure a district of that size, it stores the cycle's rows the way `store` does, in chunks,
 * and posts the same document again: the API finds the cycle (same digest) and starts its
 * workflows, which is the part the benchmarks need. The `cycle.imported` audit row is not written.
 */
export async function importCycle(system: BenchSystem, document: ScenarioInput, say: (line: string) => void): Promise<ImportResult> {
  const startedAt = performance.now();
  const cycleId = cycleIdFor(document.year, document.name);
  const first = await system.call('POST', '/cycles', { actor: system.assessor, body: document });
  if (first.status === 201) return { cycleId, ms: performance.now() - startedAt, workflowsStarted: Number(first.body.workflowsStarted) };
  if (first.status !== 500) throw new Error(`POST /cycles failed: ${first.status} ${JSON.stringify(first.body).slice(0, 500)}`);

  const cause = system.apiErrors.find((line) => line.includes('bind message')) ?? 'see the API log';
  const workaround = `POST /cycles answered 500 for ${document.indicators.length} indicators (API log: "${cause.trim().slice(0, 120)}")`;
  say(`PRODUCT BUG: ${workaround}; storing the cycle's rows in chunks of ${ROWS_PER_INSERT} and posting the document again so the API starts the workflows…`);
  await storeInChunks(system.stack.databaseUrl, document);
  const second = await system.call('POST', '/cycles', { actor: system.assessor, body: document });
  if (second.status !== 200 && second.status !== 201) throw new Error(`POST /cycles after storing the rows failed: ${second.status} ${JSON.stringify(second.body).slice(0, 500)}`);
  return { cycleId, ms: performance.now() - startedAt, workflowsStarted: Number(second.body.workflowsStarted), workaround };
}

/** What CyclesService.store writes (cycle, categories, units, indicators), with the indicators in chunks. */
async function storeInChunks(databaseUrl: string, document: ScenarioInput): Promise<void> {
  const validation = validateScenario(document);
  if (!validation.ok) throw new Error(`the generated scenario is invalid: ${JSON.stringify(validation.problems.slice(0, 3))}`);
  const scenario = validation.scenario;
  const id = cycleIdFor(scenario.year, scenario.name);
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  try {
    await dataSource.transaction(async (manager) => {
      await manager.save(CycleEntity, {
        id,
        name: scenario.name,
        year: scenario.year,
        policy: scenario.policy,
        periods: cyclePeriods(scenario.year, scenario.policy.calendar),
        // The digest CyclesService compares a re-posted document against.
        scenarioDigest: createHash('sha256').update(JSON.stringify(scenario)).digest('hex'),
        pledgeOpenedAt: new Date(),
      });
      await manager.insert(CategoryEntity, scenario.categories.map((category) => ({ cycleId: id, id: category.id, name: category.name })));
      for (const units of chunks(scenario.units)) {
        await manager.insert(UnitEntity, units.map((unit) => ({ cycleId: id, id: unit.id, name: unit.name, categoryId: unit.category, workflowId: unitCycleWorkflowId(id, unit.id) })));
      }
      for (const indicators of chunks(scenario.indicators)) {
        await manager.insert(
          IndicatorEntity,
          indicators.map((indicator) => ({
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
          })),
        );
      }
    });
  } finally {
    await dataSource.destroy();
  }
}

function chunks<T>(items: readonly T[]): T[][] {
  return Array.from({ length: Math.ceil(items.length / ROWS_PER_INSERT) }, (_, index) => items.slice(index * ROWS_PER_INSERT, (index + 1) * ROWS_PER_INSERT));
}
