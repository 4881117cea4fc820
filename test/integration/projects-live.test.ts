import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyProjectWorkflowId } from '@jiebang/contracts';
import { openDatabase } from '@jiebang/persistence';
import { createKeyProjectActivities } from '../../activities/key-project.activities';
import { eventually } from '../support/jiebang';
import { tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const { assessor, headOf, reporterOf, leadership } = ACTORS;

const SECOND_MS = 1_000;
const HOUR_MS = 3_600_000;

/**
 * Months 1 and 2 end 20 s and 21 s from now and their progress is taken for 40 s after that; the
 * later months are an hour long, out of the test's way. The milestones below fall due in months
 * 1 and 2, so their checks come while the test runs.
 */
function shortYear(): { periods: Array<{ start: string; end: string }>; monthOneEnds: number } {
  const monthOneEnds = Date.now() + 20 * SECOND_MS;
  const ends = [monthOneEnds, monthOneEnds + SECOND_MS];
  for (let month = 3; month <= 12; month += 1) ends.push(ends[ends.length - 1]! + HOUR_MS);
  const periods = ends.map((end, index) => ({
    start: new Date(index === 0 ? monthOneEnds - 30 * SECOND_MS : ends[index - 1]!).toISOString(),
    end: new Date(end).toISOString(),
  }));
  return { periods, monthOneEnds };
}

describe('key projects live (progress, 挂牌督战) over real HTTP, Temporal and Postgres', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  const count = async (sql: string, params: unknown[] = []) => Number((await suite.db.query(sql, params)).rows[0].n);

  beforeAll(async () => {
    suite = await startJiebangSuite('projects-live-suite');
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('takes the owner unit’s monthly progress, refuses bad input storing nothing, and opens one item for the slipped milestone only', async () => {
    const { periods, monthOneEnds } = shortYear();
    const scenario: Record<string, unknown> = {
      ...tinyScenario('Projects live district', { reportWindow: '40s', milestoneGrace: '1h' }),
      leaders: [
        { id: 'l-li', name: '李明', title: '副区长' },
        // A leader whose id is a LEADERSHIP account's id: that account sees this portfolio.
        { id: 'leader-1', name: '王芳', title: '区长' },
      ],
      projects: [
        {
          id: 'p-park',
          name: '智能制造产业园',
          unit: 'u-a',
          leader: 'l-li',
          indicator: 'u-a-invest',
          plannedInvestment: 5000,
          yearInvestment: 1200,
          milestones: [
            { kind: 'signed', due: '2026-01-20' },
            { kind: 'land', due: '2026-02-20' },
          ],
        },
        {
          id: 'p-mall',
          name: '商贸综合体',
          unit: 'u-b',
          leader: 'leader-1',
          indicator: 'u-b-invest',
          plannedInvestment: 3000,
          yearInvestment: 800,
          milestones: [{ kind: 'signed', due: '2026-01-25' }],
        },
      ],
    };
    (scenario.policy as Record<string, unknown>).calendar = { periods };
    const imported = await call('POST', '/cycles', { actor: assessor, body: scenario });
    expect(imported.status).toBe(201);
    const cycleId = (imported.body.cycle as { id: string }).id;
    const progress = (projectId: string, actor = reporterOf('u-a'), body: Record<string, unknown>) =>
      call('POST', `/cycles/${cycleId}/projects/${projectId}/progress`, { actor, body });
    const progressRows = () => count('SELECT count(*) AS n FROM key_project_progress WHERE cycle_id = $1', [cycleId]);

    // Month 1 is not over: its progress is not open yet. Then wait for months 1 and 2 to end.
    const early = await progress('p-park', reporterOf('u-a'), { month: 1, investment: 500 });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('REPORT_WINDOW_NOT_OPEN');

    await new Promise((done) => setTimeout(done, Math.max(0, monthOneEnds + SECOND_MS + 200 - Date.now())));

    // Another unit's people may not report for the project; bad figures and milestones are refused with their path.
    expect((await progress('p-park', reporterOf('u-b'), { month: 1, investment: 500 })).status).toBe(403);
    const notANumber = await progress('p-park', reporterOf('u-a'), { month: 1, investment: 'lots' });
    expect(notANumber.status).toBe(400);
    expect(notANumber.body.details).toEqual([expect.objectContaining({ path: 'investment' })]);
    const otherProject = await progress('p-park', reporterOf('u-a'), {
      month: 1,
      investment: 500,
      milestones: ['completed'],
    });
    expect(otherProject.status).toBe(400);
    expect(otherProject.body.details).toEqual([
      { path: 'milestones[0]', message: 'completed is not a milestone of project p-park' },
    ]);
    expect(await progressRows()).toBe(0);

    // The unit reports month 1: the contract is signed.
    const reported = await progress('p-park', headOf('u-a'), {
      month: 1,
      investment: 500,
      milestones: ['signed'],
      evidence: '合同扫描件',
    });
    expect(reported.body).toMatchObject({ project: 'p-park', month: 1, investment: 500, milestones: ['signed'] });
    expect(reported.status).toBe(201);
    const audit = await suite.db.query(
      "SELECT actor_id, change FROM audit_log WHERE action = 'project.progress_reported' AND cycle_id = $1",
      [cycleId],
    );
    expect(audit.rows).toEqual([
      {
        actor_id: 'head-u-a',
        change: { projectId: 'p-park', month: 1, investment: 500, milestones: ['signed'], evidence: '合同扫描件' },
      },
    ]);

    // The same month twice, a milestone reached twice: 409, nothing more stored.
    const twice = await progress('p-park', reporterOf('u-a'), { month: 1, investment: 600 });
    expect(twice.body.code).toBe('PROGRESS_ALREADY_REPORTED');
    const signedAgain = await progress('p-park', reporterOf('u-a'), {
      month: 2,
      investment: 600,
      milestones: ['signed'],
    });
    expect(signedAgain.status).toBe(409);
    expect(signedAgain.body.code).toBe('MILESTONE_ALREADY_REACHED');
    expect(await progressRows()).toBe(1);

    // Less investment than last month asks for a reason.
    const lower = await progress('p-park', reporterOf('u-a'), { month: 2, investment: 300, milestones: ['land'] });
    expect(lower.status).toBe(400);
    expect(lower.body.details).toEqual([expect.objectContaining({ path: 'reason' })]);
    expect(await progressRows()).toBe(1);
    const explained = await progress('p-park', reporterOf('u-a'), {
      month: 2,
      investment: 300,
      milestones: ['land'],
      reason: '统计口径调整, 核减重复计入的设备款',
    });
    expect(explained.status).toBe(201);

    // Every milestone's check has run once each project's workflow has finished.
    for (const projectId of ['p-park', 'p-mall'])
      expect(await suite.temporal.workflow.getHandle(keyProjectWorkflowId(cycleId, projectId)).result()).toBeDefined();

    // p-mall never reported its contract: exactly one item against its owner unit; p-park's reached milestones opened none.
    const items = await suite.db.query(
      'SELECT id, unit_id, opened_by, title FROM supervision_items WHERE cycle_id = $1',
      [cycleId],
    );
    expect(items.rows).toEqual([
      expect.objectContaining({
        unit_id: 'u-b',
        opened_by: 'system:key-project',
        title: expect.stringContaining('商贸综合体'),
      }),
    ]);
    const itemId = items.rows[0].id as string;

    // A worker that crashed after the item's commit runs the check again: it answers the same item
    // and stores nothing more; a reached milestone still opens nothing.
    const dataSource = await openDatabase(suite.stack.databaseUrl);
    try {
      const { checkMilestoneSlip } = createKeyProjectActivities({ dataSource });
      const check = (projectId: string, unitId: string, due: string) =>
        new MockActivityEnvironment().run(checkMilestoneSlip, {
          cycleId,
          projectId,
          projectName: projectId,
          unitId,
          leaderName: '王芳',
          milestone: 'signed' as const,
          month: 1,
          due,
        });
      expect(await check('p-mall', 'u-b', '2026-01-25')).toMatchObject({ slipped: true, item: { itemId } });
      expect(await check('p-park', 'u-a', '2026-01-20')).toEqual({ slipped: false });
    } finally {
      await dataSource.destroy();
    }
    expect(await count('SELECT count(*) AS n FROM supervision_items WHERE cycle_id = $1', [cycleId])).toBe(1);
    expect(
      await count("SELECT count(*) AS n FROM audit_log WHERE action = 'supervision.opened' AND cycle_id = $1", [
        cycleId,
      ]),
    ).toBe(1);
    const told = await suite.db.query(
      'SELECT recipient_role, subject FROM notifications WHERE cycle_id = $1 AND subject_id = $2 ORDER BY recipient_role',
      [cycleId, itemId],
    );
    expect(told.rows.map((row) => row.recipient_role)).toEqual(['LEADERSHIP', 'UNIT_HEAD']);
    expect(told.rows[0].subject).toContain('王芳');

    // The map judges the closed months with the rules: p-park moved and reached both milestones;
    // p-mall slipped its contract and, with no progress for two months, is stalled (专盯).
    const map = await call('GET', `/cycles/${cycleId}/projects/map`, { actor: reporterOf('u-b') });
    expect(map.status).toBe(200);
    expect(map.body.closedMonths).toBe(2);
    const [park, mall] = map.body.projects as Array<Record<string, unknown>>;
    expect(park).toMatchObject({
      id: 'p-park',
      investmentToDate: 300,
      slipped: [],
      stalledMonths: [],
      stalled: false,
      milestones: [
        { kind: 'signed', reachedMonth: 1, standing: 'done' },
        { kind: 'land', reachedMonth: 2, standing: 'done' },
      ],
    });
    expect(mall).toMatchObject({
      id: 'p-mall',
      slipped: [{ milestone: 'signed', month: 1 }],
      stalledMonths: [2],
      stalled: true,
      milestones: [{ kind: 'signed', reachedMonth: null, standing: 'overdue' }],
    });
    const filtered = await call('GET', `/cycles/${cycleId}/projects/map?leader=l-li`, { actor: assessor });
    expect((filtered.body.projects as Array<{ id: string }>).map((project) => project.id)).toEqual(['p-park']);

    // A leader sees exactly their own portfolio; assessors see every leader's.
    const own = await call('GET', `/cycles/${cycleId}/projects/portfolios`, { actor: leadership });
    expect(own.status).toBe(200);
    expect(own.body).toEqual([
      expect.objectContaining({
        leader: { id: 'leader-1', name: '王芳', title: '区长' },
        units: ['u-b'],
        indicators: [{ indicator: 'u-b-invest', unit: 'u-b', light: null }],
        slips: [{ project: 'p-mall', milestone: 'signed', month: 1 }],
        stalledProjects: ['p-mall'],
      }),
    ]);
    const every = await call('GET', `/cycles/${cycleId}/projects/portfolios`, { actor: assessor });
    expect((every.body as unknown as Array<{ leader: { id: string } }>).map((p) => p.leader.id)).toEqual([
      'l-li',
      'leader-1',
    ]);
    expect((await call('GET', `/cycles/${cycleId}/projects/portfolios`, { actor: reporterOf('u-b') })).status).toBe(
      403,
    );

    // The unit answers once the contract is signed; an assessor verifies and closes the item (销号).
    await eventually(async () =>
      (await count('SELECT count(*) AS n FROM supervision_events WHERE item_id = $1', [itemId])) > 0 ? true : undefined,
    );
    const answered = await call('POST', `/supervision-items/${itemId}/response`, {
      actor: headOf('u-b'),
      body: { text: '合同已于2月3日签订, 附扫描件' },
    });
    expect(answered.status).toBe(200);
    expect((await call('GET', `/supervision-items/${itemId}`, { actor: leadership })).status).toBe(200);
    const closed = await call('POST', `/supervision-items/${itemId}/verification`, {
      actor: assessor,
      body: { accept: true },
    });
    expect(closed.body).toMatchObject({ status: 'closed' });
  }, 180_000);
});
