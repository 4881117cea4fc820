import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioJson, scenarioResult, type ScenarioResult } from '@jiebang/contracts';
import { simulate } from '@jiebang/domain';

const fixture = (name: string) => readFileSync(resolve(__dirname, '../fixtures', name), 'utf8');

describe('the example district (test/fixtures/district-2026.json)', () => {
  const validation = parseScenarioJson(fixture('district-2026.json'));
  const expected = JSON.parse(fixture('district-2026.result.json')) as ScenarioResult;

  it('is a valid scenario', () => {
    expect(validation.ok ? [] : validation.problems).toEqual([]);
  });

  const actual = () => {
    if (!validation.ok) throw new Error('invalid example');
    // Through JSON, exactly as the command prints it.
    return JSON.parse(JSON.stringify(scenarioResult(simulate(validation.scenario)))) as ScenarioResult;
  };

  it.each(Array.from({ length: 12 }, (_, index) => index + 1))(
    'reproduces every unit of month %i: score, d, light, rank, lagging, vetoed, reported',
    (month) => {
      expect(actual().months[month - 1]).toEqual(expected.months[month - 1]);
    },
  );

  it('fires exactly the expected cases, in the same order', () => {
    expect(actual().cases).toEqual(expected.cases);
  });

  it('decides the annual tasks as expected', () => {
    expect(actual().annual).toEqual(expected.annual);
  });

  it('reproduces the whole result document', () => {
    expect(actual()).toEqual(expected);
  });
});
