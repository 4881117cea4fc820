import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readRatingsWorkbook, readReportWorkbook, writeRatingsWorkbook, writeReportWorkbook } from './month-workbooks';

const indicators = [
  { id: 'i-1', name: '固定资产投资', dimension: '项目建设', measure: 'cumulative', satisfactory: 24000 },
  { id: 'i-2', name: '税收收入', dimension: '财政', measure: 'rate', satisfactory: 900 },
];
const expected = { unitId: 'u-a', month: 3, indicatorIds: ['i-1', 'i-2'] };

async function edited(bytes: Buffer, change: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  change(workbook);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('the report workbook', () => {
  it('reads back the values and texts it was written with', async () => {
    const texts = { progress: '推进顺利', problems: '无', nextSteps: '继续' };
    const bytes = await writeReportWorkbook({
      unitId: 'u-a',
      month: 3,
      indicators,
      values: { 'i-1': 6000, 'i-2': 880.5 },
      texts,
    });
    const reading = await readReportWorkbook(bytes, expected);
    expect(reading.problems).toEqual([]);
    expect(reading.values).toEqual({ 'i-1': 6000, 'i-2': 880.5 });
    expect(reading.texts).toEqual(texts);
  });

  it('places each problem at its cell: a blank value, an unknown or repeated indicator, another month', async () => {
    const blank = await writeReportWorkbook({ unitId: 'u-a', month: 3, indicators, values: { 'i-1': 1 }, texts: null });
    const bytes = await edited(blank, (workbook) => {
      const sheet = workbook.getWorksheet('月度报告')!;
      sheet.getCell('A4').value = 'i-9';
      sheet.getCell('F4').value = 1;
      sheet.getCell('A5').value = 'i-1';
      sheet.getCell('F5').value = 2;
      workbook.getWorksheet('报告文字')!.getCell('B3').value = 4;
    });
    const reading = await readReportWorkbook(bytes, expected);
    expect(reading.problems.map(({ cell }) => cell)).toEqual([
      '月度报告!F3',
      '月度报告!A4',
      '月度报告!A5',
      '报告文字!B3',
    ]);
  });
});

describe('the ratings workbook', () => {
  const rows = [
    {
      unitId: 'u-a',
      unitName: 'A',
      indicatorId: 'a-conduct',
      indicatorName: '政风',
      dimension: '政风评议',
      max: 200,
      value: null,
    },
    {
      unitId: 'u-b',
      unitName: 'B',
      indicatorId: 'b-conduct',
      indicatorName: '政风',
      dimension: '政风评议',
      max: 200,
      value: null,
    },
  ];

  it('reads the filled ratings and skips the blank ones', async () => {
    const bytes = await edited(await writeRatingsWorkbook(rows), (workbook) => {
      workbook.getWorksheet('人工评分')!.getCell('F2').value = '95';
    });
    const { ratings, problems } = await readRatingsWorkbook(bytes, rows);
    expect(problems).toEqual([]);
    expect(ratings.map(({ unitId, indicatorId, value }) => ({ unitId, indicatorId, value }))).toEqual([
      { unitId: 'u-a', indicatorId: 'a-conduct', value: 95 },
    ]);
  });

  it('refuses a rating outside its scale, an indicator of another unit and an ambiguous number, each at its cell', async () => {
    const bytes = await edited(await writeRatingsWorkbook(rows), (workbook) => {
      const sheet = workbook.getWorksheet('人工评分')!;
      sheet.getCell('F2').value = 201;
      sheet.getCell('C3').value = 'a-conduct';
      sheet.getCell('A4').value = 'u-b';
      sheet.getCell('C4').value = 'b-conduct';
      sheet.getCell('F4').value = '1.200,5';
    });
    const { problems } = await readRatingsWorkbook(bytes, rows);
    expect(problems.map(({ cell }) => cell)).toEqual(['人工评分!F2', '人工评分!C3', '人工评分!F4']);
  });
});
