import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '@jiebang/contracts';

type Item = Record<string, unknown>;
type Document = Record<string, unknown> & {
  leaders: Item[];
  projects: Array<Item & { milestones: Item[] }>;
  progress: Record<string, Record<string, Item>>;
};

const example = (): Document =>
  JSON.parse(readFileSync(resolve(__dirname, '../fixtures/projects-2026.json'), 'utf8')) as Document;
const problemsOf = (input: unknown) => {
  const validation = validateScenario(input);
  return validation.ok ? [] : validation.problems;
};

describe('key projects in a scenario', () => {
  it('accepts the example with leaders, projects and progress', () => {
    const validation = validateScenario(example());
    expect(validation.ok ? [] : validation.problems).toEqual([]);
    expect(validation.ok && validation.scenario.progress?.['p-park']['3']).toEqual({
      investment: 1500,
      milestones: [],
    });
  });

  it('leaves a scenario without key projects as it was', () => {
    const bare = example();
    delete (bare as Partial<Document>).leaders;
    delete (bare as Partial<Document>).projects;
    delete (bare as Partial<Document>).progress;
    const validation = validateScenario(bare);
    expect(validation.ok && Object.keys(validation.scenario)).not.toContain('projects');
  });

  it('refuses a duplicate leader id', () => {
    const broken = example();
    broken.leaders[1].id = 'l-li';
    expect(problemsOf(broken)).toEqual([
      { path: 'leaders[1].id', message: 'duplicate leader id "l-li", first used at leaders[0]' },
      // The second leader's project now names a leader that no longer exists.
      { path: 'projects[1].leader', message: 'unknown leader "l-wang": list it under "leaders"' },
    ]);
  });

  it('refuses a leader without a title', () => {
    const broken = example();
    delete broken.leaders[0].title;
    expect(problemsOf(broken)).toEqual([{ path: 'leaders[0].title', message: 'required (string)' }]);
  });

  it('refuses a duplicate project id', () => {
    const broken = example();
    broken.projects[2].id = 'p-park';
    expect(problemsOf(broken)).toEqual([
      { path: 'projects[2].id', message: 'duplicate project id "p-park", first used at projects[0]' },
      { path: 'progress.p-hall', message: 'unknown project "p-hall": list it under "projects"' },
    ]);
  });

  it('refuses a project of an unknown unit', () => {
    const broken = example();
    broken.projects[0].unit = 'u-nowhere';
    expect(problemsOf(broken)).toEqual([{ path: 'projects[0].unit', message: 'unknown unit "u-nowhere"' }]);
  });

  it('refuses an unknown leader in command', () => {
    const broken = example();
    broken.projects[0].leader = 'l-zhao';
    expect(problemsOf(broken)).toEqual([
      { path: 'projects[0].leader', message: 'unknown leader "l-zhao": list it under "leaders"' },
    ]);
  });

  it('refuses an unknown indicator', () => {
    const broken = example();
    broken.projects[0].indicator = 'u03-i9';
    expect(problemsOf(broken)).toEqual([{ path: 'projects[0].indicator', message: 'unknown indicator "u03-i9"' }]);
  });

  it("refuses an indicator of another unit than the project's owner", () => {
    const broken = example();
    broken.projects[0].indicator = 'u04-i1';
    expect(problemsOf(broken)).toEqual([
      {
        path: 'projects[0].indicator',
        message: "indicator u04-i1 belongs to unit u04, not to the project's owner unit u03",
      },
    ]);
  });

  it("refuses this year's planned investment above the project's total", () => {
    const broken = example();
    broken.projects[0].yearInvestment = 60000;
    expect(problemsOf(broken)).toEqual([
      {
        path: 'projects[0].yearInvestment',
        message: "this year's planned investment 60000 is above the project's total planned investment 50000",
      },
    ]);
  });

  it('refuses a planned investment that is not a number, or negative', () => {
    const broken = example();
    broken.projects[0].plannedInvestment = '50000';
    broken.projects[1].yearInvestment = -1;
    expect(problemsOf(broken)).toEqual([
      { path: 'projects[0].plannedInvestment', message: 'expected number, got string' },
      { path: 'projects[1].yearInvestment', message: 'yearInvestment cannot be negative' },
    ]);
  });

  it('refuses an unknown milestone kind', () => {
    const broken = example();
    broken.projects[0].milestones[1].kind = 'permit';
    expect(problemsOf(broken)).toEqual([
      {
        path: 'projects[0].milestones[1].kind',
        message: 'expected one of "signed", "land", "started", "in_statistics", "completed", got "permit"',
      },
      // The land handover reported in May is no longer one of the project's milestones.
      { path: 'progress.p-park.5.milestones[0]', message: 'project p-park has no milestone land' },
    ]);
  });

  it('refuses a milestone listed twice', () => {
    const broken = example();
    broken.projects[0].milestones[1] = { kind: 'signed', due: '2026-04-30' };
    const problems = problemsOf(broken);
    expect(problems).toContainEqual({
      path: 'projects[0].milestones[1].kind',
      message: 'milestone signed is listed twice, first at milestones[0]',
    });
  });

  it('refuses milestones out of their order', () => {
    const broken = example();
    broken.projects[0].milestones[1].kind = 'started';
    broken.projects[0].milestones[2].kind = 'land';
    expect(problemsOf(broken)).toContainEqual({
      path: 'projects[0].milestones[2].kind',
      message:
        'milestone land is listed after started: milestones go in the order signed, land, started, in_statistics, completed',
    });
  });

  it('refuses a due date that is not a date', () => {
    const broken = example();
    broken.projects[0].milestones[0].due = '2026-02-30';
    expect(problemsOf(broken)).toEqual([
      { path: 'projects[0].milestones[0].due', message: 'expected a date YYYY-MM-DD' },
    ]);
  });

  it('refuses due dates that decrease', () => {
    const broken = example();
    broken.projects[0].milestones[2].due = '2026-04-01';
    expect(problemsOf(broken)).toEqual([
      {
        path: 'projects[0].milestones[2].due',
        message: '2026-04-01 is before 2026-04-30, the due date of land: due dates never decrease',
      },
    ]);
  });

  it("refuses a due date outside the cycle's year, except a later completion", () => {
    const broken = example();
    broken.projects[2].milestones[0].due = '2025-12-31';
    broken.projects[0].milestones[3].due = '2027-01-31';
    expect(problemsOf(broken)).toEqual([
      {
        path: 'projects[0].milestones[3].due',
        message: "2027-01-31 is outside the cycle's year 2026 (only completed may fall later)",
      },
      { path: 'projects[2].milestones[0].due', message: "2025-12-31 is outside the cycle's year 2026" },
    ]);
    // p-road's completion in 2027 is the example's own, and accepted.
    expect(example().projects[1].milestones[2]).toEqual({ kind: 'completed', due: '2027-10-31' });
  });

  it('refuses progress for an unknown project', () => {
    const broken = example();
    broken.progress['p-bridge'] = { '3': { investment: 10 } };
    expect(problemsOf(broken)).toEqual([
      { path: 'progress.p-bridge', message: 'unknown project "p-bridge": list it under "projects"' },
    ]);
  });

  it('refuses investment to date that decreases, even across an absent month', () => {
    const broken = example();
    broken.progress['p-road']['5'].investment = 1700;
    expect(problemsOf(broken)).toEqual([
      {
        path: 'progress.p-road.5.investment',
        message: 'investment to date 1700 is below 1800, reported in month 3: it never decreases',
      },
    ]);
  });

  it('refuses a milestone reported reached in two months', () => {
    const broken = example();
    broken.progress['p-park']['9'].milestones = ['land'];
    expect(problemsOf(broken)).toEqual([
      { path: 'progress.p-park.9.milestones[0]', message: 'milestone land was already reported reached in month 5' },
    ]);
  });

  it('refuses a milestone reported twice in one month', () => {
    const broken = example();
    broken.progress['p-park']['2'].milestones = ['signed', 'signed'];
    expect(problemsOf(broken)).toEqual([
      { path: 'progress.p-park.2.milestones[1]', message: 'milestone signed is reported twice in month 2' },
    ]);
  });

  it('refuses a milestone the project does not have', () => {
    const broken = example();
    broken.progress['p-park']['12'].milestones = ['completed'];
    expect(problemsOf(broken)).toEqual([
      { path: 'progress.p-park.12.milestones[0]', message: 'project p-park has no milestone completed' },
    ]);
  });

  it('refuses a progress figure that is not a number', () => {
    const broken = example();
    broken.progress['p-park']['3'].investment = '1500';
    broken.progress['p-park']['4'].investment = Number.POSITIVE_INFINITY;
    expect(problemsOf(broken)).toEqual([
      { path: 'progress.p-park.3.investment', message: 'expected number, got string' },
      { path: 'progress.p-park.4.investment', message: 'investment must be a finite number' },
    ]);
  });

  it('refuses a progress month without its investment to date', () => {
    const broken = example();
    delete broken.progress['p-park']['3'].investment;
    expect(problemsOf(broken)).toEqual([{ path: 'progress.p-park.3.investment', message: 'required (number)' }]);
  });

  it('refuses a progress month outside 1..12', () => {
    const broken = example();
    broken.progress['p-park']['13'] = { investment: 20000 };
    expect(problemsOf(broken)).toEqual([
      { path: 'progress.p-park.13', message: 'a month is a whole number from 1 to 12' },
    ]);
  });

  it('refuses an unknown field in a project or a progress month', () => {
    const broken = example();
    broken.projects[0].owner = 'u03';
    broken.progress['p-park']['3'].evidence = 'photo.jpg';
    expect(problemsOf(broken)).toEqual([
      { path: 'projects[0].owner', message: 'unknown field' },
      { path: 'progress.p-park.3.evidence', message: 'unknown field' },
    ]);
  });

  it('refuses a stall threshold outside 1..12', () => {
    const broken = example();
    broken.policy = { stallMonths: 0 };
    expect(problemsOf(broken)).toEqual([{ path: 'policy.stallMonths', message: 'stallMonths is from 1 to 12' }]);
  });
});
