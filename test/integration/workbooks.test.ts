import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/jiebang';
import { monthOneEndingAt, tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const { admin, assessor, headOf } = ACTORS;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface WorkbookProblemView {
  cell: string;
  message: string;
  messageEn: string;
}

/**
 * The target workbook both ways and the ledgers out (issue 22), over HTTP on the real stack:
 * what a 考核办 downloads, fills and uploads, what it files each month.
 */
describe('workbooks in and out', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  let cycleId: string;
  let monthEnds: number;
  let template: Buffer;

  const cycleCount = async () => Number((await suite.db.query('SELECT count(*) AS n FROM cycles')).rows[0].n);
  const open = async (bytes: Buffer | undefined): Promise<ExcelJS.Workbook> => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    return workbook;
  };
  const bytesOf = async (workbook: ExcelJS.Workbook) => Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  const upload = (path: string, body: Uint8Array) =>
    call('POST', path, { actor: assessor, rawBody: body, headers: { 'content-type': XLSX } });
  /** The template with one change made by `change`. */
  const templateWith = async (change: (workbook: ExcelJS.Workbook) => void) => {
    const workbook = await open(template);
    change(workbook);
    return bytesOf(workbook);
  };

  beforeAll(async () => {
    suite = await startJiebangSuite('workbooks-suite');
    monthEnds = Date.now() + 8_000;
    const scenario = tinyScenario('Workbook district', {
      calendar: { periods: monthOneEndingAt(monthEnds) },
      pledgeDeadline: '2s',
      reminderOffsets: [],
      reportWindow: '1h',
      reviewDeadline: '1h',
    });
    // A unit whose name looks like a formula: the ledgers must keep it as text.
    (scenario.units as Array<Record<string, unknown>>)[1].name = '=SUM(1,2)';
    const imported = await call('POST', '/cycles', { actor: assessor, body: scenario });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
    const downloaded = await call('GET', '/workbooks/target-template', { actor: assessor });
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-type')).toContain(XLSX);
    template = downloaded.bytes!;
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('offers a template with the five sheets, a note on every header, drop-downs and an example district', async () => {
    const workbook = await open(template);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['单位', '指标', '政策', '挂帅领导', '重点项目']);
    for (const sheet of workbook.worksheets)
      sheet.getRow(1).eachCell((cell) => expect(cell.note, `${sheet.name}!${cell.address}`).toBeTruthy());
    const indicators = workbook.getWorksheet('指标')!;
    expect(indicators.getCell('B2').dataValidation).toMatchObject({ type: 'list' });
    expect(indicators.getCell('E2').value).toBe('正向指标');
    const preview = await upload('/workbooks/target/preview', template);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ indicators: 2, categories: [{ id: 'econ', name: '经济部门', units: 2 }] });
  });

  it('takes the workbook as the field "file" of a multipart form too, with the same limit', async () => {
    const boundary = 'jiebang-workbook-boundary';
    const form = (bytes: Buffer) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="目标任务分解表.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    const send = (bytes: Buffer) =>
      call('POST', '/workbooks/target/preview', {
        actor: assessor,
        rawBody: form(bytes),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    const preview = await send(template);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ indicators: 2 });
    const large = await send(Buffer.alloc(10 * 1024 * 1024 + 1, 0x50));
    expect(large.status).toBe(413);
    expect(large.body).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', params: { limitMiB: 10 } });
    expect(String(large.body.message)).toContain('10 MiB');
  });

  it('exports a cycle, and the export with a changed cell imports as a new cycle showing the change', async () => {
    const exported = await call('GET', `/cycles/${cycleId}/workbook`, { actor: assessor });
    expect(exported.status, exported.bytes?.toString()).toBe(200);
    const workbook = await open(exported.bytes);
    const policy = workbook.getWorksheet('政策')!;
    expect(policy.getCell('A2').value).toBe('考核年度名称');
    expect(policy.getCell('B2').value).toBe('Workbook district');
    policy.getCell('B2').value = 'Workbook district next year';
    const indicators = workbook.getWorksheet('指标')!;
    expect(indicators.getCell('A2').value).toBe('u-a-invest');
    // Written as a person would: a thousands separator and spaces around.
    indicators.getCell('H2').value = ' 30,000 ';
    const changed = await bytesOf(workbook);

    const preview = await upload('/workbooks/target/preview', changed);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({
      name: 'Workbook district next year',
      fullScore: 100,
      indicators: 2,
      units: [
        { id: 'u-a', indicators: 1, weight: 100 },
        { id: 'u-b', name: '=SUM(1,2)', indicators: 1, weight: 100 },
      ],
    });
    const before = await cycleCount();
    const imported = await upload('/workbooks/target', changed);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(await cycleCount()).toBe(before + 1);
    const newCycle = imported.body.cycle as { id: string; periods: unknown; policy: Record<string, unknown> };
    expect(newCycle.id).not.toBe(cycleId);
    const unit = await call('GET', `/cycles/${newCycle.id}/units/u-a`, { actor: assessor });
    expect(unit.body).toMatchObject({ indicators: [{ id: 'u-a-invest', satisfactory: 30000, disallowed: 12000 }] });
    const original = await call('GET', `/cycles/${cycleId}`, { actor: assessor });
    expect(newCycle.periods).toEqual(original.body.periods);
    expect(newCycle.policy).toEqual(original.body.policy);
  });

  it('carries the key projects both ways: imported from their sheets, exported, changed and imported again', async () => {
    const fromTemplate = await templateWith((workbook) => {
      workbook.getWorksheet('政策')!.getCell('B2').value = 'Workbook projects district';
    });
    const first = await upload('/workbooks/target', fromTemplate);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const firstId = (first.body.cycle as { id: string }).id;
    const year = (first.body.cycle as { year: number }).year;
    const projects = await call('GET', `/cycles/${firstId}/projects`, { actor: assessor });
    expect(projects.body).toEqual({
      leaders: [{ id: 'l-wang', name: '王明', title: '副区长' }],
      projects: [
        {
          id: 'p-park',
          name: '智能制造产业园',
          unit: 'u-dev',
          leader: 'l-wang',
          indicator: 'dev-invest',
          plannedInvestment: 50000,
          yearInvestment: 12000,
          milestones: [
            { kind: 'signed', due: `${year}-03-31` },
            { kind: 'started', due: `${year}-06-30` },
            { kind: 'completed', due: `${year + 1}-06-30` },
          ],
        },
      ],
    });

    const exported = await call('GET', `/cycles/${firstId}/workbook`, { actor: assessor });
    const workbook = await open(exported.bytes);
    const sheet = workbook.getWorksheet('重点项目')!;
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      'p-park',
      '智能制造产业园',
      'u-dev',
      'l-wang',
      'dev-invest',
      50000,
      12000,
      `${year}-03-31`,
      undefined,
      `${year}-06-30`,
      undefined,
      `${year + 1}-06-30`,
    ]);
    workbook.getWorksheet('政策')!.getCell('B2').value = 'Workbook projects district next year';
    sheet.getCell('G2').value = '15,000';
    sheet.getCell('I2').value = `${year}/4/30`;
    const next = await upload('/workbooks/target', await bytesOf(workbook));
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    const nextProjects = await call('GET', `/cycles/${(next.body.cycle as { id: string }).id}/projects`, {
      actor: assessor,
    });
    expect(nextProjects.body).toMatchObject({
      projects: [
        {
          id: 'p-park',
          yearInvestment: 15000,
          milestones: [
            { kind: 'signed', due: `${year}-03-31` },
            { kind: 'land', due: `${year}-04-30` },
            { kind: 'started', due: `${year}-06-30` },
            { kind: 'completed', due: `${year + 1}-06-30` },
          ],
        },
      ],
    });
  });

  const badWorkbooks: Array<[string, (workbook: ExcelJS.Workbook) => void, string, RegExp]> = [
    [
      'a missing sheet',
      (workbook) => workbook.removeWorksheet(workbook.getWorksheet('政策')!.id),
      '政策',
      /缺少工作表/,
    ],
    ['a merged header', (workbook) => workbook.getWorksheet('指标')!.mergeCells('C1:D1'), '指标!D1', /合并/],
    [
      'a blank header',
      (workbook) => (workbook.getWorksheet('指标')!.getCell('G1').value = null),
      '指标!G1',
      /表头为空/,
    ],
    [
      'a renamed header',
      (workbook) => (workbook.getWorksheet('指标')!.getCell('H1').value = '目标值'),
      '指标!H1',
      /表头应为“满意值（年度目标）”/,
    ],
    [
      'an ambiguous number',
      (workbook) => (workbook.getWorksheet('指标')!.getCell('H2').value = '1.200,5'),
      '指标!H2',
      /不是可识别的数字/,
    ],
    [
      'an unknown unit',
      (workbook) => (workbook.getWorksheet('指标')!.getCell('B3').value = 'u-nowhere'),
      '指标!B3',
      /未知的责任单位“u-nowhere”/,
    ],
    [
      'an unknown category',
      (workbook) => (workbook.getWorksheet('单位')!.getCell('C2').value = 'social'),
      '单位!C2',
      /未知的单位类别“social”/,
    ],
    [
      'weights not adding up',
      (workbook) => (workbook.getWorksheet('指标')!.getCell('G3').value = 90),
      '指标!G3',
      /权重合计为 90，应为 100/,
    ],
    [
      'a plan going backwards',
      (workbook) => (workbook.getWorksheet('指标')!.getCell('M2').value = 0.15),
      '指标!M2',
      /时序计划不能倒退/,
    ],
    [
      'a duplicate id',
      (workbook) => (workbook.getWorksheet('单位')!.getCell('A3').value = 'u-dev'),
      '单位!A3',
      /编码“u-dev”重复，已在 单位!A2 使用/,
    ],
    [
      'a control character',
      // As Excel stores a control character in a cell: XML cannot hold it, so it is written as _xHHHH_.
      (workbook) => (workbook.getWorksheet('指标')!.getCell('C2').value = '固定资产_x0007_投资'),
      '指标!C2',
      /控制字符 U\+0007/,
    ],
    [
      'an unknown leader of a key project',
      (workbook) => (workbook.getWorksheet('重点项目')!.getCell('D2').value = 'l-nobody'),
      '重点项目!D2',
      /未知的挂帅领导“l-nobody”/,
    ],
    [
      'milestone due dates going backwards',
      (workbook) => (workbook.getWorksheet('重点项目')!.getCell('J2').value = '2020-01-01'),
      '重点项目!J2',
      /各节点时限不能倒退|不在考核年度/,
    ],
    [
      'a control character in the policy',
      (workbook) => (workbook.getWorksheet('政策')!.getCell('B2').value = '年度_x001B_考核'),
      '政策!B2',
      /控制字符 U\+001B/,
    ],
  ];

  it.each(badWorkbooks)('refuses %s, naming its place, and stores nothing', async (_case, change, cell, message) => {
    const before = await cycleCount();
    const bad = await templateWith(change);
    for (const path of ['/workbooks/target/preview', '/workbooks/target']) {
      const refused = await upload(path, bad);
      expect(refused.status, JSON.stringify(refused.body)).toBe(400);
      expect(refused.body.code).toBe('WORKBOOK_INVALID');
      const problems = refused.body.details as WorkbookProblemView[];
      expect(problems.find((problem) => problem.cell === cell)?.message, JSON.stringify(problems)).toMatch(message);
      expect(problems.every((problem) => problem.messageEn !== '')).toBe(true);
    }
    expect(await cycleCount()).toBe(before);
  });

  it('lists every problem of a workbook at once, in sheet, row and column order', async () => {
    const bad = await templateWith((workbook) => {
      const indicators = workbook.getWorksheet('指标')!;
      indicators.getCell('H2').value = '1.200,5';
      indicators.getCell('B3').value = 'u-nowhere';
      workbook.getWorksheet('单位')!.getCell('C3').value = 'social';
    });
    const refused = await upload('/workbooks/target', bad);
    expect(refused.status).toBe(400);
    const cells = (refused.body.details as WorkbookProblemView[]).map((problem) => problem.cell);
    expect(cells).toEqual(expect.arrayContaining(['单位!C3', '指标!H2', '指标!B3']));
    expect(cells.indexOf('单位!C3')).toBeLessThan(cells.indexOf('指标!H2'));
    expect(cells.indexOf('指标!H2')).toBeLessThan(cells.indexOf('指标!B3'));
  });

  it('refuses a file that is not a workbook, one too large, and one that unzips too large, saying the limit', async () => {
    const before = await cycleCount();
    const text = await upload('/workbooks/target', Buffer.from('单位编码,责任单位\nu-a,区发改局\n'));
    expect(text.status).toBe(400);
    expect(text.body).toMatchObject({ code: 'WORKBOOK_INVALID', details: [{ cell: '$' }], params: { count: 1 } });

    const large = await upload('/workbooks/target', Buffer.alloc(10 * 1024 * 1024 + 1, 0x50));
    expect(large.status).toBe(413);
    expect(large.body).toMatchObject({ code: 'WORKBOOK_TOO_LARGE' });
    expect(String(large.body.message)).toContain('10 MiB');

    // A zip bomb declares its parts' real sizes: one part of 200 MiB, far beyond what is read.
    const bomb = Buffer.from(template);
    const entry = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(200 * 1024 * 1024, entry + 24);
    const inflated = await upload('/workbooks/target/preview', bomb);
    expect(inflated.status).toBe(413);
    expect(inflated.body).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', params: { limitMiB: 100 } });
    expect((inflated.body.params as { unzippedMiB: number }).unzippedMiB).toBeGreaterThan(200);
    expect(String(inflated.body.message)).toContain('100 MiB unzipped');
    expect(await cycleCount()).toBe(before);
  });

  it("exports the month's ranking ledger with the rows the ranking shows, a formula-looking name kept as text", async () => {
    expect((await call('POST', `/cycles/${cycleId}/units/u-a/pledge`, { actor: headOf('u-a') })).status).toBe(200);
    // Month 1 ends 8 s after the import; its reports are then collected until an assessor closes it.
    await eventually(
      async () => {
        const status = await call('GET', `/cycles/${cycleId}/months`, { actor: assessor });
        return (status.body.months as Array<{ stage: string }> | undefined)?.[0]?.stage === 'collecting' || undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const closed = await call('POST', `/cycles/${cycleId}/months/1/close`, { actor: assessor });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const ranking = await eventually(async () => {
      const response = await call('GET', `/cycles/${cycleId}/months/1/ranking`, { actor: assessor });
      return response.status === 200 ? response.body : undefined;
    });
    const units = ranking.units as Array<{ unit: string; score: number; rank: number; lagging: boolean }>;
    expect(units).toHaveLength(2);

    const ledger = await call('GET', `/cycles/${cycleId}/ledgers/ranking/1`, { actor: headOf('u-a') });
    expect(ledger.status, ledger.bytes?.toString()).toBe(200);
    expect(ledger.headers.get('content-disposition')).toContain('attachment');
    const sheet = (await open(ledger.bytes)).getWorksheet('经济部门')!;
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(['排名', '责任单位', '得分', '较上月', '落后']));
    const rows = [3, 4].map((row) => sheet.getRow(row));
    const expected = [...units].sort((a, b) => a.rank - b.rank || a.unit.localeCompare(b.unit));
    expect(rows.map((row) => [row.getCell(1).value, row.getCell(2).value, row.getCell(4).value])).toEqual(
      expected.map((unit) => [unit.rank, unit.unit, unit.score]),
    );
    expect(rows.map((row) => row.getCell(9).value)).toEqual(expected.map((unit) => (unit.lagging ? '是' : '否')));
    expect(sheet.getRow(5).getCell(1).value).toBeNull();

    const formulaLooking = rows.find((row) => row.getCell(2).value === 'u-b')!.getCell(3);
    expect(formulaLooking.type).toBe(ExcelJS.ValueType.String);
    expect(formulaLooking.value).toBe('=SUM(1,2)');
    expect(formulaLooking.formula).toBeUndefined();
  });

  it('exports the cases, supervision and annual ledgers, and the audit trail of a period as CSV', async () => {
    for (const ledger of ['cases', 'supervision', 'annual']) {
      const response = await call('GET', `/cycles/${cycleId}/ledgers/${ledger}`, { actor: assessor });
      expect(response.status, `${ledger}: ${response.bytes?.toString()}`).toBe(200);
      const [sheet] = (await open(response.bytes)).worksheets;
      expect(String(sheet.getCell('A1').value)).toContain(cycleId);
    }
    const cases = await call('GET', `/cases?cycleId=${cycleId}`, { actor: assessor });
    const casesLedger = await call('GET', `/cycles/${cycleId}/ledgers/cases`, { actor: assessor });
    const [casesSheet] = (await open(casesLedger.bytes)).worksheets;
    const listed = (cases.body as unknown as Array<{ caseId: string }>).map((record) => record.caseId);
    expect(casesSheet.getColumn(1).values.slice(3)).toEqual(listed);

    const from = new Date(Date.now() - 3_600_000).toISOString();
    const csv = await call('GET', `/audit/export?cycleId=${cycleId}&from=${encodeURIComponent(from)}`, {
      actor: admin,
    });
    expect(csv.status, csv.bytes?.toString()).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv
      .bytes!.toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('操作');
    expect(lines[1]).toContain('cycle.imported');
    const refused = await call('GET', `/audit/export?cycleId=${cycleId}`, { actor: assessor });
    expect(refused.status).toBe(403);
  });
});
