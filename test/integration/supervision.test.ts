import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type ActorHeaders } from '../support/jiebang';
import { tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const { admin, assessor, leadership, headOf, reporterOf } = ACTORS;

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('supervision items over real HTTP, Temporal and Postgres', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  let cycleId: string;

  beforeAll(async () => {
    suite = await startJiebangSuite('supervision-suite');
    // Reminders 3 s and 1 s before an item's deadline.
    const imported = await call('POST', '/cycles', {
      actor: admin,
      body: tinyScenario('Supervision district', { reminderOffsets: ['3s', '1s'] }),
    });
    expect(imported.status).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
  });

  afterAll(async () => {
    await suite?.stop();
  });

  async function openItem(title: string, deadline: string, extra: Record<string, unknown> = {}): Promise<string> {
    const opened = await call('POST', '/supervision-items', {
      actor: assessor,
      body: {
        cycleId,
        unitId: 'u-a',
        title,
        description: `${title}: land clearance stuck since March`,
        deadline,
        ...extra,
      },
    });
    expect(opened.status).toBe(201);
    const id = (opened.body.item as { id: string }).id;
    await eventually(async () => ((await events(id)).length > 0 ? true : undefined));
    return id;
  }

  const respond = (id: string, actor: ActorHeaders, text = 'Land cleared on site, photos attached') =>
    call('POST', `/supervision-items/${id}/response`, { actor, body: { text } });
  const verify = (id: string, actor: ActorHeaders, body: Record<string, unknown>) =>
    call('POST', `/supervision-items/${id}/verification`, { actor, body });

  async function events(id: string) {
    return (
      await suite.db.query(
        'SELECT seq, kind, actor_id, status_after FROM supervision_events WHERE item_id = $1 ORDER BY seq',
        [id],
      )
    ).rows as Array<{ seq: number; kind: string; actor_id: string | null; status_after: string }>;
  }

  async function notices(id: string) {
    const result = await suite.db.query(
      'SELECT kind, recipient_role FROM notifications WHERE key LIKE $1 ORDER BY created_at, recipient_role',
      [`supervision/${id}/%`],
    );
    return result.rows.map((row) => `${row.kind}:${row.recipient_role}`);
  }

  async function escalations(id: string) {
    return (
      await suite.db.query('SELECT addressed_to FROM escalations WHERE key LIKE $1 ORDER BY opened_at', [
        `supervision/${id}/%`,
      ])
    ).rows.map((row) => row.addressed_to as string);
  }

  it('reminds before the deadline; a timely response stops the clock and verification closes the item', async () => {
    const id = await openItem('Project A permits', inSeconds(5));
    await eventually(async () => ((await notices(id)).length === 1 ? true : undefined), { timeoutMs: 10_000 });
    expect(await notices(id)).toEqual(['reminder:UNIT_HEAD']);

    const answered = await respond(id, reporterOf('u-a'));
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'responded', responses: [{ userId: 'reporter-u-a' }] });
    await pause(4_000);
    expect(await notices(id)).toEqual(['reminder:UNIT_HEAD']);
    expect(await escalations(id)).toEqual([]);

    const closed = await verify(id, assessor, { accept: true, comment: 'Checked on site' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', overdue: false, escalationLevel: 0 });
    const row = (await suite.db.query('SELECT status, closed_at FROM supervision_items WHERE id = $1', [id])).rows[0];
    expect(row.status).toBe('closed');
    expect(row.closed_at).toBeInstanceOf(Date);
    expect((await events(id)).map((event) => [event.kind, event.actor_id])).toEqual([
      ['opened', 'assessor-1'],
      ['reminded', null],
      ['responded', 'reporter-u-a'],
      ['closed', 'assessor-1'],
    ]);
    // The item's page names each person as their account now has it; the workflow's own events name nobody.
    await suite.db.query("UPDATE users SET display_name = '王芳' WHERE id = 'reporter-u-a'");
    const shown = await call('GET', `/supervision-items/${id}`, { actor: assessor });
    expect(
      (shown.body.events as Array<{ kind: string; actorName: string | null }>).map((event) => [
        event.kind,
        event.actorName,
      ]),
    ).toEqual([
      ['opened', 'assessor-1'],
      ['reminded', null],
      ['responded', '王芳'],
      ['closed', 'assessor-1'],
    ]);
  });

  it('escalates an unanswered item once to 通报 at the deadline and once to 问责 after the grace period', async () => {
    const id = await openItem('Project B financing', inSeconds(3), { accountabilityGrace: '2s' });
    await eventually(async () => ((await escalations(id)).length === 2 ? true : undefined), { timeoutMs: 15_000 });
    await pause(2_000);

    expect(await escalations(id)).toEqual(['LEADERSHIP', 'DISCIPLINE']);
    expect((await notices(id)).sort()).toEqual(
      [
        'deadline:UNIT_HEAD',
        'escalation:ASSESSOR',
        'escalation:DISCIPLINE',
        'escalation:LEADERSHIP',
        'reminder:UNIT_HEAD',
      ].sort(),
    );
    const shown = await call('GET', `/supervision-items/${id}`, { actor: leadership });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      status: 'open',
      overdue: true,
      escalationLevel: 2,
      live: { overdue: true, escalationLevel: 2 },
    });
    expect((shown.body.events as Array<{ kind: string }>).map((event) => event.kind)).toEqual([
      'opened',
      'reminded',
      'overdue',
      'accountability',
    ]);

    // A late answer is still taken; sending it back needs a comment.
    expect((await respond(id, headOf('u-a'))).body).toMatchObject({ status: 'responded', overdue: true });
    const bare = await verify(id, assessor, { accept: false });
    expect(bare.status).toBe(400);
    expect(bare.body.details).toEqual([expect.objectContaining({ path: 'comment' })]);
    expect((await verify(id, assessor, { accept: false, comment: 'Bank approval letter missing' })).body).toMatchObject(
      { status: 'returned' },
    );
    expect((await respond(id, headOf('u-a'), 'Bank approval letter attached')).body).toMatchObject({
      status: 'responded',
    });
    expect((await verify(id, assessor, { accept: true })).body).toMatchObject({ status: 'closed' });
    expect(await escalations(id)).toEqual(['LEADERSHIP', 'DISCIPLINE']);
  });

  it('takes responses only from the unit and verification only from assessors; a closed item refuses everything', async () => {
    const id = await openItem('Project C land', inSeconds(600));

    // Another unit's item is not found, exactly as an absent one: item ids are a digest of the title.
    const otherUnit = await respond(id, headOf('u-b'));
    expect(otherUnit.status).toBe(404);
    expect((await respond(id, assessor)).status).toBe(403);
    const nothingToVerify = await verify(id, assessor, { accept: true });
    expect(nothingToVerify.status).toBe(409);
    expect(nothingToVerify.body.code).toBe('SUPERVISION_NOT_RESPONDED');

    expect((await respond(id, headOf('u-a'))).status).toBe(200);
    const twice = await respond(id, reporterOf('u-a'));
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('SUPERVISION_NOT_AWAITING_RESPONSE');
    expect((await verify(id, headOf('u-a'), { accept: true })).status).toBe(403);
    expect((await verify(id, assessor, { accept: true })).status).toBe(200);

    const afterClose = await respond(id, headOf('u-a'));
    expect(afterClose.status).toBe(409);
    expect(afterClose.body.code).toBe('SUPERVISION_CLOSED');
    expect((await verify(id, assessor, { accept: true })).body.code).toBe('SUPERVISION_CLOSED');
    expect((await events(id)).map((event) => event.kind)).toEqual(['opened', 'responded', 'closed']);
  });

  it('validates openings, finds a re-posted item, and refuses the same title with other content', async () => {
    const body = {
      cycleId,
      unitId: 'u-b',
      title: 'Project D road',
      description: 'Road works halted',
      deadline: inSeconds(3600),
    };
    const invalid = await call('POST', '/supervision-items', {
      actor: assessor,
      body: { ...body, deadline: 'next week', extra: 1 },
    });
    expect(invalid.status).toBe(400);
    // An unknown field is reported at the field itself, as every validated input reports it.
    expect((invalid.body.details as Array<{ path: string }>).map((problem) => problem.path).sort()).toEqual([
      'deadline',
      'extra',
    ]);
    expect(
      (await call('POST', '/supervision-items', { actor: assessor, body: { ...body, deadline: inSeconds(-60) } }))
        .status,
    ).toBe(400);
    expect(
      (await call('POST', '/supervision-items', { actor: assessor, body: { ...body, accountabilityGrace: 'soon' } }))
        .status,
    ).toBe(400);
    expect((await call('POST', '/supervision-items', { actor: headOf('u-b'), body })).status).toBe(403);
    expect(
      (await call('POST', '/supervision-items', { actor: assessor, body: { ...body, unitId: 'u-nowhere' } })).body.code,
    ).toBe('UNIT_NOT_FOUND');

    const first = await call('POST', '/supervision-items', { actor: assessor, body });
    expect(first.status).toBe(201);
    const again = await call('POST', '/supervision-items', { actor: assessor, body });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, item: { id: (first.body.item as { id: string }).id } });
    const conflicting = await call('POST', '/supervision-items', {
      actor: assessor,
      body: { ...body, description: 'Something else' },
    });
    expect(conflicting.status).toBe(409);
    expect(conflicting.body.code).toBe('SUPERVISION_ITEM_CONFLICT');

    const ownUnit = await call('GET', `/supervision-items?cycleId=${cycleId}`, { actor: reporterOf('u-b') });
    expect(
      (ownUnit.body as unknown as Array<{ unitId: string; title: string }>).map((item) => [item.unitId, item.title]),
    ).toEqual([['u-b', 'Project D road']]);
    expect((await call('GET', `/supervision-items?unitId=u-a`, { actor: reporterOf('u-b') })).status).toBe(403);
    const closed = await call('GET', `/supervision-items?cycleId=${cycleId}&status=closed`, { actor: assessor });
    expect((closed.body as unknown as Array<{ title: string }>).map((item) => item.title).sort()).toEqual([
      'Project A permits',
      'Project B financing',
      'Project C land',
    ]);
    expect((await call('GET', '/supervision-items/sv-nothing', { actor: assessor })).body.code).toBe(
      'SUPERVISION_ITEM_NOT_FOUND',
    );
  });
});
