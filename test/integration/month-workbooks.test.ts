import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/jiebang';
import { monthOneEndingAt, tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const { assessor, reporterOf } = ACTORS;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Workbooks for many steps at once (issue 22), over HTTP on the real stack: a unit's monthly
 * report filled in a workbook, and a month's manual ratings of every unit in one workbook.
 */
describe('month workbooks: a report and the ratings of a month', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  let cycleId: string;

  const open = async (bytes: Buffer | undefined): Promise<ExcelJS.Workbook> => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    return workbook;
  };
  const bytesOf = async (workbook: ExcelJS.Workbook) => Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  const reportPath = (unit: string) => `/cycles/${cycleId}/units/${unit}/reports/1`;
  const storedReport = async (unit: string) =>
    (await call('GET', reportPath(unit), { actor: assessor })).body as {
      status: string;
      values: Record<string, number> | null;
      texts: Record<string, string> | null;
      ratings: Record<string, number>;
    };

  beforeAll(async () => {
    suite = await startJiebangSuite('month-workbooks-suite');
    const scenario = tinyScenario('Month workbooks district', {
      calendar: { periods: monthOneEndingAt(Date.now() + 6_000) },
      pledgeDeadline: '2s',
      reminderOffsets: [],
      reportWindow: '1h',
      reviewDeadline: '1h',
    });
    const indicators = scenario.indicators as Array<Record<string, unknown>>;
    for (const indicator of indicators) indicator.weight = 80;
    for (const unit of ['u-a', 'u-b'])
      indicators.push({
        id: `${unit}-conduct`,
        unit,
        name: '政风行风评议',
        dimension: '政风评议',
        direction: 'increase',
        measure: 'rate',
        weight: 20,
        satisfactory: 90,
        disallowed: 60,
      });
    const imported = await call('POST', '/cycles', { actor: assessor, body: scenario });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
    // Month 1 ends a few seconds after the import: then both reports are open.
    for (const unit of ['u-a', 'u-b'])
      await eventually(
        async () => ((await call('GET', reportPath(unit), { actor: assessor })).status === 200 ? true : undefined),
        {
          timeoutMs: 60_000,
        },
      );
  }, 120_000);

  afterAll(async () => {
    await suite?.stop();
  });

  it('saves an uploaded report workbook as the same draft as the same values typed in the form', async () => {
    const texts = { progress: '项目按计划推进', problems: '用地指标紧张', nextSteps: '加快供地' };
    const downloaded = await call('GET', `${reportPath('u-a')}/workbook`, { actor: reporterOf('u-a') });
    expect(downloaded.status).toBe(200);
    const workbook = await open(downloaded.bytes);
    const sheet = workbook.getWorksheet('月度报告')!;
    // The unit's reported indicators only: the manual rating is the assessors'.
    expect(sheet.getColumn(1).values.slice(2)).toEqual(['u-a-invest']);
    sheet.getCell('F2').value = ' 2,400.5 ';
    const textSheet = workbook.getWorksheet('报告文字')!;
    textSheet.getCell('B4').value = texts.progress;
    textSheet.getCell('B5').value = texts.problems;
    textSheet.getCell('B6').value = texts.nextSteps;
    const uploaded = await call('POST', `${reportPath('u-a')}/workbook`, {
      actor: reporterOf('u-a'),
      rawBody: await bytesOf(workbook),
      headers: { 'content-type': XLSX },
    });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);

    const typed = await call('PUT', reportPath('u-b'), {
      actor: reporterOf('u-b'),
      body: { values: { 'u-b-invest': 2400.5 }, texts, submit: false },
    });
    expect(typed.status, JSON.stringify(typed.body)).toBe(200);

    const [fromWorkbook, fromForm] = [await storedReport('u-a'), await storedReport('u-b')];
    expect(fromWorkbook.status).toBe('draft');
    expect(fromWorkbook.values).toEqual({ 'u-a-invest': 2400.5 });
    expect({ ...fromWorkbook, values: fromWorkbook.values?.['u-a-invest'] }).toMatchObject({
      status: fromForm.status,
      values: fromForm.values?.['u-b-invest'],
      texts: fromForm.texts,
    });
    // The next download shows what was saved.
    const again = await open((await call('GET', `${reportPath('u-a')}/workbook`, { actor: reporterOf('u-a') })).bytes);
    expect(again.getWorksheet('月度报告')!.getCell('F2').value).toBe(2400.5);
  });

  it('refuses a report workbook with every problem at its cell, and changes nothing', async () => {
    const before = await storedReport('u-a');
    const workbook = await open(
      (await call('GET', `${reportPath('u-a')}/workbook`, { actor: reporterOf('u-a') })).bytes,
    );
    const sheet = workbook.getWorksheet('月度报告')!;
    sheet.getCell('F2').value = '1.200,5';
    sheet.getCell('A3').value = 'u-b-invest';
    sheet.getCell('F3').value = 5;
    workbook.getWorksheet('报告文字')!.getCell('B3').value = 2;
    const refused = await call('POST', `${reportPath('u-a')}/workbook`, {
      actor: reporterOf('u-a'),
      rawBody: await bytesOf(workbook),
      headers: { 'content-type': XLSX },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('WORKBOOK_INVALID');
    expect((refused.body.details as Array<{ cell: string }>).map(({ cell }) => cell)).toEqual([
      '月度报告!F2',
      '月度报告!A3',
      '报告文字!B3',
    ]);
    expect(await storedReport('u-a')).toEqual(before);
  });

  it("enters a month's ratings of every unit from one workbook, and none while any cell is bad", async () => {
    const downloaded = await call('GET', `/cycles/${cycleId}/ratings/1/workbook`, { actor: assessor });
    expect(downloaded.status).toBe(200);
    const workbook = await open(downloaded.bytes);
    const sheet = workbook.getWorksheet('人工评分')!;
    expect([2, 3].map((row) => [sheet.getCell(row, 1).value, sheet.getCell(row, 3).value])).toEqual([
      ['u-a', 'u-a-conduct'],
      ['u-b', 'u-b-conduct'],
    ]);
    sheet.getCell('F2').value = 85;
    sheet.getCell('F3').value = -5;
    const send = async () =>
      call('POST', `/cycles/${cycleId}/ratings/1/workbook`, {
        actor: assessor,
        rawBody: await bytesOf(workbook),
        headers: { 'content-type': XLSX },
      });
    const refused = await send();
    expect(refused.status).toBe(400);
    expect((refused.body.details as Array<{ cell: string }>).map(({ cell }) => cell)).toEqual(['人工评分!F3']);
    expect((await storedReport('u-a')).ratings).toEqual({});

    sheet.getCell('F3').value = '88';
    const rated = await send();
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expect(rated.body).toEqual({ rated: 2 });
    expect((await storedReport('u-a')).ratings).toEqual({ 'u-a-conduct': 85 });
    expect((await storedReport('u-b')).ratings).toEqual({ 'u-b-conduct': 88 });
    // The next download shows the ratings entered.
    const again = await open((await call('GET', `/cycles/${cycleId}/ratings/1/workbook`, { actor: assessor })).bytes);
    expect([2, 3].map((row) => again.getWorksheet('人工评分')!.getCell(row, 6).value)).toEqual([85, 88]);
  });
});
