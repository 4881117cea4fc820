/**
 * The key projects (重点项目) the project tests import with tinyScenario's units: one shape for
 * the live suite (test/integration/projects-live.test.ts) and the console's (test/browser/projects-console.test.ts).
 */

/** 李明 (副区长), who leads the tests' projects. */
export const LEADER_LI = { id: 'l-li', name: '李明', title: '副区长' };

export interface Milestone {
  /** signed, land, started, completed… as the scenario names them. */
  kind: string;
  due: string;
}

/** A key project of `unit`, counted into the unit's investment indicator (`<unit>-invest`), led by 李明 unless told. */
export function keyProject(
  id: string,
  name: string,
  unit: string,
  {
    plannedInvestment = 1000,
    yearInvestment = 500,
    milestones = [],
    leader = LEADER_LI.id,
  }: { plannedInvestment?: number; yearInvestment?: number; milestones?: Milestone[]; leader?: string } = {},
) {
  return { id, name, unit, leader, indicator: `${unit}-invest`, plannedInvestment, yearInvestment, milestones };
}

/** u-a's 智能制造产业园 (5,000 planned, 1,200 this year), with the milestones the test needs. */
export const parkProject = (milestones: Milestone[]) =>
  keyProject('p-park', '智能制造产业园', 'u-a', { plannedInvestment: 5000, yearInvestment: 1200, milestones });
