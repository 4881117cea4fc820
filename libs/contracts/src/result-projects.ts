import { keyProjectOutcomes } from '@jiebang/domain';
import type { ScenarioResult } from './result';
import type { Scenario } from './scenario';

/**
 * The result with its `projects` list (三挂: each project's slips and stalled months) when the
 * scenario lists key projects; unchanged when it does not.
 */
export function withKeyProjects(result: ScenarioResult, scenario: Scenario): ScenarioResult {
  if (!scenario.projects) return result;
  const projects = keyProjectOutcomes({
    year: scenario.year,
    stallMonths: scenario.policy.stallMonths,
    projects: scenario.projects,
    progress: scenario.progress ?? {},
  });
  return { ...result, projects };
}
