import { cycleIdFor } from '../../apps/api/src/cycles/cycle-id';
import type { ScenarioInput } from '@jiebang/contracts';
import type { BenchSystem } from './system';

export interface ImportResult {
  cycleId: string;
  ms: number;
  workflowsStarted: number;
}

/** Imports a scenario through POST /cycles; a refusal stops the benchmark with the answer and the API's last error lines. */
export async function importCycle(system: BenchSystem, document: ScenarioInput): Promise<ImportResult> {
  const startedAt = performance.now();
  const imported = await system.call('POST', '/cycles', { actor: system.assessor, body: document });
  if (imported.status !== 201) {
    const log = system.apiErrors.length > 0 ? `\nAPI log:\n${system.apiErrors.join('\n')}` : '';
    throw new Error(`POST /cycles answered ${imported.status}: ${JSON.stringify(imported.body).slice(0, 500)}${log}`);
  }
  return {
    cycleId: cycleIdFor(document.year, document.name),
    ms: performance.now() - startedAt,
    workflowsStarted: Number(imported.body.workflowsStarted),
  };
}
