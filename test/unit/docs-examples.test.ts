import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioJson, scenarioResult, type ScenarioResult } from '@jiebang/contracts';
import { simulate } from '@jiebang/domain';

const page = readFileSync(resolve(__dirname, '../../docs/scenario-format.md'), 'utf8');
/** The page's JSON examples, in order: the small scenario first, then its (abridged) result. */
const jsonBlocks = [...page.matchAll(/^```json\n([\s\S]*?)^```/gm)].map((match) => match[1]);

describe('the example of docs/scenario-format.md', () => {
  const validation = parseScenarioJson(jsonBlocks[0] ?? '');
  const shown = JSON.parse(jsonBlocks[1] ?? '{}') as ScenarioResult;

  it('is a valid scenario', () => {
    expect(validation.ok ? [] : validation.problems).toEqual([]);
  });

  it('shows what jiebang simulate prints for it (the months and cases shown, the annual results)', () => {
    if (!validation.ok) throw new Error('invalid example');
    const result = JSON.parse(JSON.stringify(scenarioResult(simulate(validation.scenario)))) as ScenarioResult;
    expect(result.format).toBe(shown.format);
    expect(result.months.slice(0, shown.months.length)).toEqual(shown.months);
    expect(result.cases.slice(0, shown.cases.length)).toEqual(shown.cases);
    expect(result.annual).toEqual(shown.annual);
  });
});
