import ExcelJS from 'exceljs';
import {
  cellNumber,
  cellText,
  controlCharacterIn,
  readNumberText,
  setCellValue,
  type CellPlace,
} from './workbook-cells';
import { problemAt, type WorkbookProblem } from './workbook-problem';

/**
 * Workbooks for many steps at once: a unit's monthly report (月度报告), and a month's manual ratings
 * of every unit (人工评分). Each is read into the body of the step the console takes (a report
 * draft, one rating per row); the same services check and apply it.
 */
export const MONTH_SHEETS = { report: '月度报告', texts: '报告文字', ratings: '人工评分' } as const;

/** The 月度报告 sheet: one indicator a row; the unit fills 本月数值. */
export const REPORT_HEADERS = [
  '指标编码',
  '考核指标',
  '考核维度',
  '计算方式',
  '满意值（年度目标）',
  '本月数值',
  '说明',
];
const REPORT_VALUE_COLUMN = 6;

/** The 报告文字 sheet: the unit and month the workbook is for, then the three texts of the report. */
export const TEXT_ROWS = [
  { key: 'unit', label: '单位编码' },
  { key: 'month', label: '月份' },
  { key: 'progress', label: '完成情况' },
  { key: 'problems', label: '存在问题' },
  { key: 'nextSteps', label: '下一步打算' },
] as const;

/** The 人工评分 sheet: one manual-rating indicator of one unit a row; assessors fill 评分. */
export const RATING_HEADERS = ['单位编码', '责任单位', '指标编码', '考核指标', '考核维度', '评分', '说明'];
const RATING_VALUE_COLUMN = 6;

export interface ReportIndicatorRow {
  id: string;
  name: string;
  dimension: string;
  measure: string;
  satisfactory: number;
}

export interface ReportWorkbookContent {
  unitId: string;
  month: number;
  indicators: ReportIndicatorRow[];
  values: Readonly<Record<string, number>>;
  texts: { progress: string; problems: string; nextSteps: string } | null;
}

const MEASURE_NOTES: Record<string, string> = {
  cumulative: '累计值：填写年初至本月末的累计数',
  rate: '水平值：填写本月的水平',
};

/** The report of a unit's month as a workbook, filled with what is stored so far. */
export async function writeReportWorkbook(content: ReportWorkbookContent): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jiebang';
  const sheet = workbook.addWorksheet(MONTH_SHEETS.report, { views: [{ state: 'frozen', ySplit: 1 }] });
  writeHeader(sheet, REPORT_HEADERS, REPORT_VALUE_COLUMN, '本单位本月各指标的数值（必填），可写 1200 或 1,200。');
  content.indicators.forEach((indicator, index) => {
    const row = index + 2;
    setCellValue(sheet.getCell(row, 1), indicator.id);
    setCellValue(sheet.getCell(row, 2), indicator.name);
    setCellValue(sheet.getCell(row, 3), indicator.dimension);
    setCellValue(sheet.getCell(row, 4), indicator.measure === 'rate' ? '水平值' : '累计值');
    setCellValue(sheet.getCell(row, 5), indicator.satisfactory);
    setCellValue(sheet.getCell(row, REPORT_VALUE_COLUMN), content.values[indicator.id] ?? null);
    setCellValue(sheet.getCell(row, 7), MEASURE_NOTES[indicator.measure] ?? null);
  });
  const texts = workbook.addWorksheet(MONTH_SHEETS.texts);
  writeHeader(texts, ['项目', '内容'], 2, '单位编码与月份不要改动；其余三项填写报告文字。');
  texts.getColumn(2).width = 80;
  const values: Record<string, string | number | null> = {
    unit: content.unitId,
    month: content.month,
    ...(content.texts ?? {}),
  };
  TEXT_ROWS.forEach(({ key, label }, index) => {
    setCellValue(texts.getCell(index + 2, 1), label);
    setCellValue(texts.getCell(index + 2, 2), values[key] ?? null);
    texts.getCell(index + 2, 2).alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** What an uploaded report workbook holds: the draft's values and texts, each at its cell. */
export interface ReportWorkbookReading {
  values: Record<string, number>;
  texts?: { progress: string; problems: string; nextSteps: string };
  problems: WorkbookProblem[];
  /** The cell of `values.<id>` or `texts.<key>`. */
  placeOf(path: string): CellPlace | undefined;
}

/**
 * Reads a filled report workbook for `expected` (the unit, month and its indicators): every
 * problem at its cell, none thrown for what is in the file.
 */
export async function readReportWorkbook(
  content: Buffer,
  expected: { unitId: string; month: number; indicatorIds: readonly string[] },
): Promise<ReportWorkbookReading> {
  const places = new Map<string, CellPlace>();
  const reading: ReportWorkbookReading = {
    values: {},
    problems: [],
    placeOf: (path) => places.get(path) ?? places.get(path.split('.')[0]),
  };
  const workbook = await loaded(content, reading.problems);
  if (!workbook) return reading;
  const sheet = sheetOf(workbook, MONTH_SHEETS.report, reading.problems);
  const texts = sheetOf(workbook, MONTH_SHEETS.texts, reading.problems);
  if (!sheet || !texts) return reading;
  if (
    !headersMatch(sheet, REPORT_HEADERS, reading.problems) ||
    !headersMatch(texts, ['项目', '内容'], reading.problems)
  )
    return reading;
  places.set('values', { sheet: sheet.name });
  places.set('texts', { sheet: texts.name });

  const known = new Set(expected.indicatorIds);
  const firstRow = new Map<string, number>();
  for (let row = 2; row <= sheet.rowCount; row += 1) {
    const idCell = { sheet: sheet.name, row, column: 1 };
    const valuePlace = { sheet: sheet.name, row, column: REPORT_VALUE_COLUMN };
    const id = textAt(sheet, idCell, reading.problems);
    const value = sheet.getCell(row, REPORT_VALUE_COLUMN).value;
    if (id === undefined) continue;
    if (id === '') {
      if (cellText(value).trim() !== '')
        reading.problems.push(problemAt(idCell, '指标编码未填写', 'the indicator id is blank'));
      continue;
    }
    if (!known.has(id)) {
      reading.problems.push(
        problemAt(idCell, `“${id}”不是本单位需报送的考核指标`, `"${id}" is not an indicator this unit reports`),
      );
      continue;
    }
    const first = firstRow.get(id);
    if (first !== undefined) {
      reading.problems.push(
        problemAt(idCell, `指标“${id}”重复，已在第 ${first} 行填写`, `indicator "${id}" again; first on row ${first}`),
      );
      continue;
    }
    firstRow.set(id, row);
    places.set(`values.${id}`, valuePlace);
    const number = numberAt(value, valuePlace, reading.problems);
    if (number === null)
      reading.problems.push(problemAt(valuePlace, '本月数值未填写', 'the value of this month is blank'));
    else if (number !== undefined) reading.values[id] = number;
  }
  const missing = expected.indicatorIds.filter((id) => !firstRow.has(id));
  if (missing.length > 0)
    reading.problems.push(
      problemAt(
        { sheet: sheet.name },
        `缺少指标：${missing.join('、')}（每个指标须填一行）`,
        `indicators missing: ${missing.join(', ')} (one row each)`,
      ),
    );

  const written: Record<string, string> = {};
  for (let row = 2; row <= texts.rowCount; row += 1) {
    const label = cellText(texts.getCell(row, 1).value).trim();
    const setting = TEXT_ROWS.find((candidate) => candidate.label === label);
    if (!setting) continue;
    const place = { sheet: texts.name, row, column: 2 };
    places.set(`texts.${setting.key}`, place);
    const text = textAt(texts, place, reading.problems);
    if (text !== undefined) written[setting.key] = text;
  }
  const unitPlace = places.get('texts.unit') ?? { sheet: texts.name };
  if (written.unit !== expected.unitId)
    reading.problems.push(
      problemAt(
        unitPlace,
        `这是单位“${written.unit ?? ''}”的报告，不是“${expected.unitId}”的`,
        `this workbook is the report of unit "${written.unit ?? ''}", not of "${expected.unitId}"`,
      ),
    );
  const monthPlace = places.get('texts.month') ?? { sheet: texts.name };
  if (written.month !== String(expected.month))
    reading.problems.push(
      problemAt(
        monthPlace,
        `这是 ${written.month ?? ''} 月的报告，不是 ${expected.month} 月的`,
        `this workbook is the report of month ${written.month ?? ''}, not of month ${expected.month}`,
      ),
    );
  if (['progress', 'problems', 'nextSteps'].some((key) => (written[key] ?? '') !== ''))
    reading.texts = {
      progress: written.progress ?? '',
      problems: written.problems ?? '',
      nextSteps: written.nextSteps ?? '',
    };
  return reading;
}

export interface RatingRow {
  unitId: string;
  unitName: string;
  indicatorId: string;
  indicatorName: string;
  dimension: string;
  max: number;
  value: number | null;
}

/** A month's manual ratings of every unit as one workbook; a row's `value` is written in its 评分 cell. */
export async function writeRatingsWorkbook(rows: readonly RatingRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jiebang';
  const sheet = workbook.addWorksheet(MONTH_SHEETS.ratings, { views: [{ state: 'frozen', ySplit: 1 }] });
  writeHeader(sheet, RATING_HEADERS, RATING_VALUE_COLUMN, '评分（可选）：留空则本次不评；填写则须在说明所列范围内。');
  rows.forEach((rating, index) => {
    const row = index + 2;
    setCellValue(sheet.getCell(row, 1), rating.unitId);
    setCellValue(sheet.getCell(row, 2), rating.unitName);
    setCellValue(sheet.getCell(row, 3), rating.indicatorId);
    setCellValue(sheet.getCell(row, 4), rating.indicatorName);
    setCellValue(sheet.getCell(row, 5), rating.dimension);
    setCellValue(sheet.getCell(row, RATING_VALUE_COLUMN), rating.value);
    setCellValue(sheet.getCell(row, 7), `0 到 ${rating.max}`);
  });
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** One rating read from the workbook, and the cell it came from. */
export interface ReadRating {
  unitId: string;
  indicatorId: string;
  value: number;
  place: CellPlace;
}

/**
 * Reads a filled ratings workbook against the month's manual-rating indicators (`expected`, by
 * unit and indicator): a blank 评分 is no rating; every problem at its cell.
 */
export async function readRatingsWorkbook(
  content: Buffer,
  expected: readonly Pick<RatingRow, 'unitId' | 'indicatorId' | 'max'>[],
): Promise<{ ratings: ReadRating[]; problems: WorkbookProblem[] }> {
  const problems: WorkbookProblem[] = [];
  const ratings: ReadRating[] = [];
  const workbook = await loaded(content, problems);
  const sheet = workbook && sheetOf(workbook, MONTH_SHEETS.ratings, problems);
  if (!sheet || !headersMatch(sheet, RATING_HEADERS, problems)) return { ratings, problems };
  const scaleOf = new Map(expected.map((row) => [`${row.unitId}\n${row.indicatorId}`, row.max]));
  const firstRow = new Map<string, number>();
  for (let row = 2; row <= sheet.rowCount; row += 1) {
    const unitPlace = { sheet: sheet.name, row, column: 1 };
    const indicatorPlace = { sheet: sheet.name, row, column: 3 };
    const valuePlace = { sheet: sheet.name, row, column: RATING_VALUE_COLUMN };
    const unitId = textAt(sheet, unitPlace, problems);
    const indicatorId = textAt(sheet, indicatorPlace, problems);
    const value = numberAt(sheet.getCell(row, RATING_VALUE_COLUMN).value, valuePlace, problems);
    if (unitId === undefined || indicatorId === undefined || value === undefined) continue;
    if (unitId === '' && indicatorId === '' && value === null) continue;
    const key = `${unitId}\n${indicatorId}`;
    const max = scaleOf.get(key);
    if (max === undefined) {
      problems.push(
        problemAt(
          indicatorPlace,
          `“${indicatorId}”不是单位“${unitId}”的人工评分指标`,
          `"${indicatorId}" is not a manual-rating indicator of unit "${unitId}"`,
        ),
      );
      continue;
    }
    const first = firstRow.get(key);
    if (first !== undefined) {
      problems.push(
        problemAt(
          indicatorPlace,
          `单位“${unitId}”的指标“${indicatorId}”重复，已在第 ${first} 行`,
          `unit "${unitId}" and indicator "${indicatorId}" again; first on row ${first}`,
        ),
      );
      continue;
    }
    firstRow.set(key, row);
    if (value === null) continue;
    if (value < 0 || value > max)
      problems.push(
        problemAt(valuePlace, `评分须在 0 到 ${max} 之间，不是 ${value}`, `a rating is from 0 to ${max}, not ${value}`),
      );
    else ratings.push({ unitId, indicatorId, value, place: valuePlace });
  }
  return { ratings, problems };
}

async function loaded(content: Buffer, problems: WorkbookProblem[]): Promise<ExcelJS.Workbook | undefined> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer, { ignoreNodes: ['dataValidations'] } as never);
    return workbook;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    problems.push(
      problemAt(undefined, `不是可读取的 .xlsx 工作簿（${reason}）`, `not a readable .xlsx workbook: ${reason}`),
    );
    return undefined;
  }
}

function sheetOf(workbook: ExcelJS.Workbook, name: string, problems: WorkbookProblem[]): ExcelJS.Worksheet | undefined {
  const sheet = workbook.worksheets.find((candidate) => candidate.name.trim() === name);
  if (!sheet) problems.push(problemAt({ sheet: name }, `缺少工作表“${name}”`, `the sheet "${name}" is missing`));
  return sheet;
}

function writeHeader(sheet: ExcelJS.Worksheet, headers: readonly string[], valueColumn: number, note: string): void {
  headers.forEach((header, index) => {
    const cell = sheet.getCell(1, index + 1);
    cell.value = header;
    cell.font = { bold: true };
    sheet.getColumn(index + 1).width = Math.max(12, header.length * 2 + 4);
  });
  const value = sheet.getCell(1, valueColumn);
  value.note = note;
  value.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
}

function headersMatch(sheet: ExcelJS.Worksheet, headers: readonly string[], problems: WorkbookProblem[]): boolean {
  const before = problems.length;
  headers.forEach((header, index) => {
    const place = { sheet: sheet.name, row: 1, column: index + 1 };
    const text = cellText(sheet.getCell(1, index + 1).value).trim();
    if (text !== header)
      problems.push(
        problemAt(
          place,
          text === '' ? `表头为空，应为“${header}”` : `表头应为“${header}”，不是“${text}”`,
          `the header should read "${header}", not "${text}"`,
        ),
      );
  });
  return problems.length === before;
}

/** A cell's trimmed text; undefined (and a problem) when it holds a control character. */
function textAt(sheet: ExcelJS.Worksheet, place: CellPlace, problems: WorkbookProblem[]): string | undefined {
  const text = cellText(sheet.getCell(place.row!, place.column!).value);
  const control = controlCharacterIn(text);
  if (!control) return text.trim();
  problems.push(problemAt(place, `含有控制字符 ${control}`, `holds the control character ${control}`));
  return undefined;
}

/** A number; null for a blank cell; undefined (and a problem) for one this reader cannot be sure of. */
function numberAt(value: ExcelJS.CellValue, place: CellPlace, problems: WorkbookProblem[]): number | null | undefined {
  const numeric = cellNumber(value);
  if (numeric !== undefined) return numeric;
  const text = cellText(value);
  const control = controlCharacterIn(text);
  if (control) {
    problems.push(problemAt(place, `含有控制字符 ${control}`, `holds the control character ${control}`));
    return undefined;
  }
  if (text.trim() === '') return null;
  const reading = readNumberText(text);
  if (reading.ok) return reading.value;
  problems.push(
    problemAt(
      place,
      `“${text.trim()}”不是可识别的数字（可写作 1200、1,200 或 1200.5）`,
      `"${text.trim()}" is not a number this reader can be sure of (write 1200, 1,200 or 1200.5)`,
    ),
  );
  return undefined;
}
