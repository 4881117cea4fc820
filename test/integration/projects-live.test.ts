import { MockActivityEnvironment } from '@temporalio/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyProjectWorkflowId, parseScenarioJson, scenarioResult, withKeyProjects } from '@jiebang/contracts';
import { simulate } from '@jiebang/domain';
import { openDatabase } from '@jiebang/persistence';
import { createKeyProjectActivities } from '../../activities/key-project.activities';
import { eventually } from '../support/jiebang';
import { keyProject, LEADER_LI, parkProject } from '../support/projects';
import { ensureTestUser } from '../support/users';
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

  it.concurrent(
    'takes the owner unit’s monthly progress, refuses bad input storing nothing, and opens one item for the slipped milestone only',
    async () => {
      const { periods, monthOneEnds } = shortYear();
      const scenario: Record<string, unknown> = {
        ...tinyScenario('Projects live district', { reportWindow: '40s', milestoneGrace: '1h' }),
        leaders: [
          LEADER_LI,
          // A leader whose id is a LEADERSHIP account's id: that account sees this portfolio.
          { id: 'leader-1', name: '王芳', title: '区长' },
        ],
        projects: [
          parkProject([
            { kind: 'signed', due: '2026-01-20' },
            { kind: 'land', due: '2026-02-20' },
          ]),
          keyProject('p-mall', '商贸综合体', 'u-b', {
            leader: 'leader-1',
            plannedInvestment: 3000,
            yearInvestment: 800,
            milestones: [{ kind: 'signed', due: '2026-01-25' }],
          }),
        ],
      };
      (scenario.policy as Record<string, unknown>).calendar = { periods };
      // A LEADERSHIP account named like leader l-li: it is that leader (leader-1 is the other, by id).
      await ensureTestUser(suite.stack.databaseUrl, { user: 'leader-li', roles: ['LEADERSHIP'] });
      await ensureTestUser(suite.stack.databaseUrl, leadership);
      await suite.db.query("UPDATE users SET display_name = '李明' WHERE id = 'leader-li'");
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

      // The unit's read sums the projects' investment beside the indicator they feed: month 1 agrees
      // with the reported value, month 2 does not (shown to the reviewer, not refused), month 3 has
      // no progress yet; u-b's project reported nothing.
      for (const [month, value] of [
        [1, 500],
        [2, 450],
      ] as const) {
        // The month's report opens with the unit's workflow timer at the month's end: try until it has.
        await eventually(
          async () => {
            const saved = await call('PUT', `/cycles/${cycleId}/units/u-a/reports/${month}`, {
              actor: reporterOf('u-a'),
              body: { values: { 'u-a-invest': value }, submit: false },
            });
            return saved.status === 200 ? saved : undefined;
          },
          { timeoutMs: 10_000 },
        );
      }
      const unitA = await call('GET', `/cycles/${cycleId}/units/u-a`, { actor: assessor });
      expect(unitA.status).toBe(200);
      const [fed] = unitA.body.projectInvestment as Array<{
        indicatorId: string;
        projects: string[];
        months: unknown[];
      }>;
      expect(unitA.body.projectInvestment).toHaveLength(1);
      expect(fed).toMatchObject({ indicatorId: 'u-a-invest', projects: ['p-park'] });
      expect(fed!.months.slice(0, 3)).toEqual([
        { month: 1, investment: 500, reportedProjects: 1, reportedValue: 500, mismatch: false },
        { month: 2, investment: 300, reportedProjects: 1, reportedValue: 450, mismatch: true },
        { month: 3, investment: null, reportedProjects: 0, reportedValue: null, mismatch: false },
      ]);
      const unitB = await call('GET', `/cycles/${cycleId}/units/u-b`, { actor: reporterOf('u-b') });
      expect(unitB.body.projectInvestment).toEqual([
        expect.objectContaining({ indicatorId: 'u-b-invest', projects: ['p-mall'] }),
      ]);
      expect(
        (unitB.body.projectInvestment as Array<{ months: Array<{ investment: number | null }> }>)[0]!.months.every(
          (month) => month.investment === null,
        ),
      ).toBe(true);

      // Every milestone's check has run once each project's workflow has finished.
      for (const projectId of ['p-park', 'p-mall'])
        expect(
          await suite.temporal.workflow.getHandle(keyProjectWorkflowId(cycleId, projectId)).result(),
        ).toBeDefined();

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
      // Month 2's portfolio notices reach each leader's own account only, through the message centre.
      const portfolioMessages = async () =>
        (
          await suite.db.query(
            `SELECT m.user_id, n.subject FROM messages m JOIN notifications n ON n.id = m.notification_id
            WHERE n.cycle_id = $1 AND n.key LIKE '%/portfolio/2/%' ORDER BY m.user_id`,
            [cycleId],
          )
        ).rows as Array<{ user_id: string; subject: string }>;
      const delivered = await eventually(async () => {
        const rows = await portfolioMessages();
        return rows.length >= 2 ? rows : undefined;
      });
      expect(delivered.map((row) => row.user_id)).toEqual(['leader-1', 'leader-li']);
      expect(delivered[0]!.subject).toContain('商贸综合体');
      expect(delivered[0]!.subject).toContain('挂牌督战 1 项');
      expect(delivered[0]!.subject).not.toContain('智能制造产业园');
      expect(delivered[1]!.subject).toContain('智能制造产业园');
      expect(delivered[1]!.subject).not.toContain('商贸综合体');

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
        (await count('SELECT count(*) AS n FROM supervision_events WHERE item_id = $1', [itemId])) > 0
          ? true
          : undefined,
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
    },
    180_000,
  );

  it.concurrent(
    'agrees with simulate on every slip and stalled month of a compressed live year',
    async () => {
      // Twelve half-second months from 1 s after the import; each month's progress is taken for 9 s
      // after it ends, so every month can be reported once all have ended (at +7 s), and the last
      // closes at +16 s. The progress below slips, reaches late, stalls and moves again.
      const start = Date.now() + SECOND_MS;
      const periods = Array.from({ length: 12 }, (_, index) => ({
        start: new Date(start + index * 500).toISOString(),
        end: new Date(start + (index + 1) * 500).toISOString(),
      }));
      const due = (month: number) => `2026-${String(month).padStart(2, '0')}-15`;
      const scenario: Record<string, unknown> = {
        ...tinyScenario('Projects agree district', { reportWindow: '9s', stallMonths: 2, milestoneGrace: '1h' }),
        leaders: [LEADER_LI],
        projects: [
          keyProject('p-a', '新能源电池项目', 'u-a', {
            plannedInvestment: 9000,
            yearInvestment: 3000,
            milestones: [
              { kind: 'signed', due: due(2) },
              { kind: 'land', due: due(5) },
              { kind: 'started', due: due(8) },
              { kind: 'completed', due: '2027-06-30' },
            ],
          }),
          // A name a spreadsheet would take for a formula: the ledger keeps it as text.
          keyProject('p-b', '=物流园区+1', 'u-b', {
            plannedInvestment: 4000,
            yearInvestment: 1000,
            milestones: [{ kind: 'signed', due: due(1) }],
          }),
        ],
      };
      (scenario.policy as Record<string, unknown>).calendar = { periods };
      const progress: Record<string, Record<string, { investment: number; milestones?: string[] }>> = {
        'p-a': {
          '1': { investment: 100 },
          '3': { investment: 200, milestones: ['signed'] },
          '4': { investment: 200 },
          '5': { investment: 200, milestones: ['land'] },
          '6': { investment: 300 },
          '9': { investment: 300 },
          '10': { investment: 450 },
        },
        'p-b': { '7': { investment: 0 }, '8': { investment: 50 } },
      };
      const simulated = parseScenarioJson(JSON.stringify({ ...scenario, progress }));
      if (!simulated.ok) throw new Error(JSON.stringify(simulated.problems));
      const expected = withKeyProjects(scenarioResult(simulate(simulated.scenario)), simulated.scenario).projects;
      // The rules' answer is not trivial: both kinds of slip, stalls that end and stalls that last.
      expect(expected).toEqual([
        {
          project: 'p-a',
          slipped: [
            { milestone: 'signed', month: 2 },
            { milestone: 'started', month: 8 },
          ],
          stalled: [8, 9, 12],
        },
        { project: 'p-b', slipped: [{ milestone: 'signed', month: 1 }], stalled: [2, 3, 4, 5, 6, 7, 10, 11, 12] },
      ]);

      const imported = await call('POST', '/cycles', { actor: assessor, body: scenario });
      expect(imported.status).toBe(201);
      const cycleId = (imported.body.cycle as { id: string }).id;
      await new Promise((done) => setTimeout(done, Math.max(0, start + 6_000 + 300 - Date.now())));
      for (const [projectId, months] of Object.entries(progress)) {
        const unit = projectId === 'p-a' ? 'u-a' : 'u-b';
        for (const [month, body] of Object.entries(months)) {
          const sent = await call('POST', `/cycles/${cycleId}/projects/${projectId}/progress`, {
            actor: reporterOf(unit),
            body: { month: Number(month), ...body },
          });
          expect(sent.status, `${projectId} month ${month}: ${JSON.stringify(sent.body)}`).toBe(201);
        }
      }
      await new Promise((done) => setTimeout(done, Math.max(0, start + 6_000 + 9_000 + 500 - Date.now())));
      const map = await call('GET', `/cycles/${cycleId}/projects/map`, { actor: assessor });
      expect(map.body.closedMonths).toBe(12);
      const live = (map.body.projects as Array<{ id: string; slipped: unknown[]; stalledMonths: number[] }>).map(
        (project) => ({ project: project.id, slipped: project.slipped, stalled: project.stalledMonths }),
      );
      expect(live).toEqual(expected);

      // The ledger (重点项目台账) holds the rows the map shows, formula-looking text kept as text.
      const ledger = await call('GET', `/cycles/${cycleId}/ledgers/projects`, { actor: reporterOf('u-b') });
      expect(ledger.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(ledger.bytes as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getRow(2).getCell(1).value).toBe('项目编码');
      const rows = [3, 4].map((row) => sheet.getRow(row));
      const shown = map.body.projects as Array<{ id: string; name: string; investmentToDate: number }>;
      expect(rows.map((row) => [row.getCell(1).value, row.getCell(2).value, row.getCell(10).value])).toEqual(
        shown.map((project) => [project.id, project.name, project.investmentToDate]),
      );
      expect(rows[1]!.getCell(2).type).toBe(ExcelJS.ValueType.String);
      expect(rows.map((row) => [row.getCell(16).value, row.getCell(17).value, row.getCell(18).value])).toEqual([
        ['签约 2月；开工 8月', '是', '8月、9月、12月'],
        ['签约 1月', '是', '2月、3月、4月、5月、6月、7月、10月、11月、12月'],
      ]);
      expect(rows[0]!.getCell(11).value).toBe('2026-02-15 已完成（3月）');
      expect(sheet.getRow(5).getCell(1).value).toBeNull();
      const filtered = await call('GET', `/cycles/${cycleId}/ledgers/projects?unit=u-a`, { actor: assessor });
      const filteredBook = new ExcelJS.Workbook();
      await filteredBook.xlsx.load(filtered.bytes as unknown as ArrayBuffer);
      expect(filteredBook.worksheets[0]!.getRow(4).getCell(1).value).toBeNull();
      expect((await call('GET', `/cycles/${cycleId}/ledgers/projects?unit=bad%20id`, { actor: assessor })).status).toBe(
        400,
      );

      // Each slip opened exactly one item, by the projects' own timers.
      for (const projectId of ['p-a', 'p-b'])
        await suite.temporal.workflow.getHandle(keyProjectWorkflowId(cycleId, projectId)).result();
      const items = await suite.db.query(
        'SELECT unit_id, title FROM supervision_items WHERE cycle_id = $1 ORDER BY unit_id, title',
        [cycleId],
      );
      expect(items.rows.map((row) => `${row.unit_id} ${row.title}`)).toEqual([
        'u-a 挂牌督战: 新能源电池项目 signed (p-a)',
        'u-a 挂牌督战: 新能源电池项目 started (p-a)',
        'u-b 挂牌督战: =物流园区+1 signed (p-b)',
      ]);
    },
    60_000,
  );

  it.concurrent(
    'takes weekly notes while the week is open, reminds once, digests the missing and makes a problem an item',
    async () => {
      // Weeks of 12 s from 2 s ago, one reminder 6 s before each closes; months an hour long.
      const start = Date.now() - 2 * SECOND_MS;
      const periods = Array.from({ length: 12 }, (_, index) => ({
        start: new Date(start + index * HOUR_MS).toISOString(),
        end: new Date(start + (index + 1) * HOUR_MS).toISOString(),
      }));
      const base = tinyScenario('Weekly dispatch district', {
        weeklyDispatch: { categories: ['econ'], weekLength: '12s', reminders: ['6s'] },
        milestoneGrace: '1h',
      }) as Record<string, unknown> & {
        categories: unknown[];
        units: unknown[];
        indicators: Array<Record<string, unknown>>;
      };
      const scenario: Record<string, unknown> = {
        ...base,
        categories: [...base.categories, { id: 'town', name: '乡镇街道' }],
        units: [...base.units, { id: 'u-c', name: '城关镇', category: 'town' }],
        indicators: [...base.indicators, { ...base.indicators[0], id: 'u-c-invest', unit: 'u-c' }],
        leaders: [LEADER_LI],
        projects: [
          keyProject('p-a', '智能制造产业园', 'u-a'),
          keyProject('p-b', '商贸综合体', 'u-b'),
          keyProject('p-c', '老街改造', 'u-c'),
        ],
      };
      (scenario.policy as Record<string, unknown>).calendar = { periods };

      // A weekly dispatch naming a category the scenario does not have is refused with its path.
      const unknown = structuredClone(scenario);
      (unknown.policy as Record<string, unknown>).weeklyDispatch = { categories: ['econ', 'nope'] };
      const refused = await call('POST', '/cycles', { actor: assessor, body: unknown });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('policy.weeklyDispatch.categories[1]');

      const imported = await call('POST', '/cycles', { actor: assessor, body: scenario });
      expect(imported.status).toBe(201);
      const cycleId = (imported.body.cycle as { id: string }).id;
      const plan = await call('GET', `/cycles/${cycleId}/projects/weekly`, { actor: reporterOf('u-a') });
      expect(plan.body).toMatchObject({ categories: ['econ'], currentWeek: 1 });
      const weekOne = (plan.body.weeks as Array<{ week: number; end: string; reminders: string[] }>)[0]!;
      expect(Date.parse(weekOne.end) - start).toBe(12 * SECOND_MS);
      const note = (projectId: string, actor: ReturnType<typeof reporterOf>, body: Record<string, unknown>) =>
        call('POST', `/cycles/${cycleId}/projects/${projectId}/weekly-notes`, { actor, body });
      const notes = () => count('SELECT count(*) AS n FROM key_project_weekly_notes WHERE cycle_id = $1', [cycleId]);

      // Bad input: 4xx with what was wrong, nothing stored.
      const notANumber = await note('p-a', reporterOf('u-a'), { week: 1, investment: 'lots' });
      expect(notANumber.status).toBe(400);
      expect(notANumber.body.details).toEqual([expect.objectContaining({ path: 'investment' })]);
      expect((await note('p-a', reporterOf('u-a'), { week: 61, investment: 1 })).status).toBe(400);
      expect((await note('p-a', reporterOf('u-a'), { week: 2, investment: 1 })).body.code).toBe('WEEK_NOT_OPEN');
      expect((await note('p-a', reporterOf('u-b'), { week: 1, investment: 1 })).status).toBe(403);
      expect((await note('p-c', reporterOf('u-c'), { week: 1, investment: 1 })).body.code).toBe(
        'NOT_DISPATCHED_WEEKLY',
      );
      expect(await notes()).toBe(0);

      // u-a's note in time is taken, once; u-b sends nothing.
      const sent = await note('p-a', reporterOf('u-a'), {
        week: 1,
        investment: 120,
        milestoneNews: '土地出让合同已签',
        problems: '电力增容需区领导协调供电公司',
      });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({ project: 'p-a', week: 1, investment: 120, supervisionItemId: null });
      expect((await note('p-a', headOf('u-a'), { week: 1, investment: 130 })).body.code).toBe(
        'WEEKLY_NOTE_ALREADY_SENT',
      );
      expect(await notes()).toBe(1);

      // An assessor makes the problem a supervision item in one step; a second time is refused.
      const made = await call('POST', `/cycles/${cycleId}/projects/weekly/1/notes/p-a/supervision`, {
        actor: assessor,
        body: {},
      });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({ created: true, item: { unitId: 'u-a' } });
      const again = await call('POST', `/cycles/${cycleId}/projects/weekly/1/notes/p-a/supervision`, {
        actor: assessor,
        body: {},
      });
      expect(again.body.code).toBe('PROBLEM_ALREADY_SUPERVISED');

      // After the week closes: a late note is refused; u-b was reminded once, u-a never; the digest lists the missing.
      await new Promise((done) => setTimeout(done, Math.max(0, Date.parse(weekOne.end) + 200 - Date.now())));
      const late = await note('p-b', reporterOf('u-b'), { week: 1, investment: 10 });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('WEEK_CLOSED');
      expect(await notes()).toBe(1);
      const digestNotice = async () =>
        (
          await suite.db.query(
            "SELECT subject FROM notifications WHERE cycle_id = $1 AND key LIKE '%/weekly/1/digest/%'",
            [cycleId],
          )
        ).rows;
      const [digestRow] = await eventually(async () =>
        (await digestNotice()).length > 0 ? digestNotice() : undefined,
      );
      expect(digestRow.subject).toContain('商贸综合体');
      const reminders = await suite.db.query(
        "SELECT unit_id, recipient_role FROM notifications WHERE cycle_id = $1 AND key LIKE '%/weekly/1/%/reminder/%'",
        [cycleId],
      );
      expect(reminders.rows).toEqual([{ unit_id: 'u-b', recipient_role: 'UNIT_REPORTER' }]);
      const digest = await call('GET', `/cycles/${cycleId}/projects/weekly/1/digest`, { actor: assessor });
      expect(digest.body).toMatchObject({
        closed: true,
        categories: [{ category: 'econ', missing: ['p-b'], problems: ['p-a'], slipping: [], stalled: [] }],
      });
      expect(
        (await call('GET', `/cycles/${cycleId}/projects/weekly/1/digest`, { actor: reporterOf('u-a') })).status,
      ).toBe(403);
      const own = await call('GET', `/cycles/${cycleId}/projects/weekly/1/notes`, { actor: reporterOf('u-b') });
      expect(own.body).toEqual([]);
    },
    60_000,
  );
});
