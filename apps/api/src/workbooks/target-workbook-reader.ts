import ExcelJS from 'exceljs';
import { SCENARIO_FORMAT } from '@jiebang/contracts';
import { cellNumber, cellText, controlCharacterIn, readNumberText, type CellPlace } from './workbook-cells';
import {
  CATEGORY_COLUMNS,
  CATEGORY_FIRST_COLUMN,
  INDICATOR_COLUMNS,
  KEY_PROJECT_SHEETS,
  LEADER_COLUMNS,
  POLICY_HEADERS,
  PROJECT_COLUMNS,
  POLICY_ROWS,
  SHEETS,
  UNIT_COLUMNS,
  NONE,
  YES_NO,
  type PolicyRow,
  type WorkbookColumn,
} from './target-workbook-layout';
import { problemAt, type WorkbookProblem } from './workbook-problem';

/** A workbook read as a scenario document, with the cell each JSON path came from. */
export interface TargetWorkbookReading {
  /** The document, or null when the workbook's structure (sheets, headers) stops it being read. */
  document: Record<string, unknown> | null;
  problems: WorkbookProblem[];
  /** The cell a scenario path (`indicators[3].weight`) came from, or the nearest row or sheet. */
  placeOf(path: string): CellPlace | undefined;
}

/** Reads an uploaded target workbook; never throws for what is in the file. */
export async function readTargetWorkbook(content: Buffer): Promise<TargetWorkbookReading> {
  const places = new Map<string, CellPlace>();
  const placeOf = (path: string) => nearestPlace(places, path);
  const workbook = new ExcelJS.Workbook();
  try {
    // Drop-downs are not read: a validation over a whole column would expand to a million cells.
    await workbook.xlsx.load(content as unknown as ArrayBuffer, { ignoreNodes: ['dataValidations'] } as never);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      document: null,
      problems: [
        problemAt(undefined, `不是可读取的 .xlsx 工作簿（${reason}）`, `not a readable .xlsx workbook: ${reason}`),
      ],
      placeOf,
    };
  }
  const problems: WorkbookProblem[] = [];
  const sheetOf = (name: string) => {
    const sheet = workbook.worksheets.find((candidate) => candidate.name.trim() === name);
    if (!sheet) problems.push(problemAt({ sheet: name }, `缺少工作表“${name}”`, `the sheet "${name}" is missing`));
    return sheet;
  };
  const unitSheet = sheetOf(SHEETS.units);
  const indicatorSheet = sheetOf(SHEETS.indicators);
  const policySheet = sheetOf(SHEETS.policy);
  // The key-project sheets came later: a workbook without both is a year without key projects.
  const hasKeyProjects = KEY_PROJECT_SHEETS.some((name) =>
    workbook.worksheets.some((sheet) => sheet.name.trim() === name),
  );
  const leaderSheet = hasKeyProjects ? sheetOf(SHEETS.leaders) : undefined;
  const projectSheet = hasKeyProjects ? sheetOf(SHEETS.projects) : undefined;
  const headersOk = [
    unitSheet && headerProblems(unitSheet, 1, UNIT_COLUMNS, problems),
    unitSheet && headerProblems(unitSheet, CATEGORY_FIRST_COLUMN, CATEGORY_COLUMNS, problems),
    indicatorSheet && headerProblems(indicatorSheet, 1, INDICATOR_COLUMNS, problems),
    policySheet &&
      headerProblems(
        policySheet,
        1,
        POLICY_HEADERS.map((header) => ({ header }) as WorkbookColumn),
        problems,
      ),
    !hasKeyProjects || (leaderSheet && headerProblems(leaderSheet, 1, LEADER_COLUMNS, problems)),
    !hasKeyProjects || (projectSheet && headerProblems(projectSheet, 1, PROJECT_COLUMNS, problems)),
  ].every(Boolean);
  if (!unitSheet || !indicatorSheet || !policySheet || !headersOk) return { document: null, problems, placeOf };

  places.set('categories', { sheet: SHEETS.units });
  places.set('units', { sheet: SHEETS.units });
  places.set('indicators', { sheet: SHEETS.indicators });
  places.set('policy', { sheet: SHEETS.policy });
  places.set('$', { sheet: SHEETS.policy });
  const read = { problems, places };
  const units = readTable(unitSheet, 1, UNIT_COLUMNS, 'units', read);
  const categories = readTable(unitSheet, CATEGORY_FIRST_COLUMN, CATEGORY_COLUMNS, 'categories', read);
  const indicators = readTable(indicatorSheet, 1, INDICATOR_COLUMNS, 'indicators', read);
  const { top, policy } = readPolicy(policySheet, read);
  const keyProjects: Record<string, unknown> = {};
  if (leaderSheet && projectSheet) {
    places.set('leaders', { sheet: SHEETS.leaders });
    places.set('projects', { sheet: SHEETS.projects });
    keyProjects.leaders = readTable(leaderSheet, 1, LEADER_COLUMNS, 'leaders', read);
    keyProjects.projects = readTable(projectSheet, 1, PROJECT_COLUMNS, 'projects', read);
  }
  return {
    document: { format: SCENARIO_FORMAT, ...top, policy, categories, units, indicators, ...keyProjects },
    problems,
    placeOf,
  };
}

interface Reading {
  problems: WorkbookProblem[];
  places: Map<string, CellPlace>;
}

function headerProblems(
  sheet: ExcelJS.Worksheet,
  firstColumn: number,
  columns: readonly Pick<WorkbookColumn, 'header'>[],
  problems: WorkbookProblem[],
): boolean {
  const before = problems.length;
  columns.forEach(({ header }, offset) => {
    const column = firstColumn + offset;
    const cell = sheet.getCell(1, column);
    const place = { sheet: sheet.name, row: 1, column };
    const text = cellText(cell.value).trim();
    if (cell.isMerged)
      problems.push(
        problemAt(
          place,
          `表头单元格被合并，应为单独的“${header}”`,
          `a merged header cell; expected "${header}" on its own`,
        ),
      );
    else if (text === '')
      problems.push(problemAt(place, `表头为空，应为“${header}”`, `a blank header; expected "${header}"`));
    else if (text !== header)
      problems.push(
        problemAt(place, `表头应为“${header}”，不是“${text}”`, `the header should read "${header}", not "${text}"`),
      );
  });
  return problems.length === before;
}

/** The data rows of one table: every row below the header with something in the table's columns. */
function readTable(
  sheet: ExcelJS.Worksheet,
  firstColumn: number,
  columns: readonly WorkbookColumn[],
  list: string,
  { problems, places }: Reading,
): Array<Record<string, unknown>> {
  const items: Array<Record<string, unknown>> = [];
  for (let row = 2; row <= sheet.rowCount; row += 1) {
    const cells = columns.map((column, offset) => ({
      column,
      place: { sheet: sheet.name, row, column: firstColumn + offset },
      value: sheet.getCell(row, firstColumn + offset).value,
    }));
    if (cells.every(({ value }) => cellText(value).trim() === '')) continue;
    const path = `${list}[${items.length}]`;
    places.set(path, { sheet: sheet.name, row, column: firstColumn });
    const item: Record<string, unknown> = {};
    const plan: Array<number | undefined> = [];
    const planCells: CellPlace[] = [];
    const milestones: Array<{ kind: string; due: unknown }> = [];
    for (const { column, place, value } of cells) {
      const fieldPath = column.month === undefined ? `${path}.${column.field}` : `${path}.plan[${column.month - 1}]`;
      if (column.milestone === undefined) places.set(fieldPath, place);
      else if (!places.has(`${path}.milestones`)) places.set(`${path}.milestones`, place);
      if (column.month !== undefined) planCells.push(place);
      const read = readCell(column, value, place, problems);
      if (read === undefined) continue;
      if (column.month !== undefined) plan[column.month - 1] = read as number;
      else if (column.milestone !== undefined) {
        // A milestone is where its due date is written; its place in the list is its column's.
        places.set(`${path}.milestones[${milestones.length}].due`, place);
        places.set(`${path}.milestones[${milestones.length}].kind`, place);
        places.set(`${path}.milestones[${milestones.length}]`, place);
        milestones.push({ kind: column.milestone, due: read });
      } else item[column.field] = read;
    }
    if (cells.some(({ column }) => column.milestone !== undefined)) item.milestones = milestones;
    if (planCells.length > 0) {
      places.set(`${path}.plan`, planCells[0]);
      const written = plan.filter((share) => share !== undefined).length;
      if (written === planCells.length) item.plan = plan;
      else if (written > 0) {
        const blank =
          planCells[
            plan.findIndex((share) => share === undefined) === -1
              ? written
              : plan.findIndex((share) => share === undefined)
          ];
        problems.push(
          problemAt(
            blank,
            '时序计划须填满十二个月，或十二个月都不填（按月均进度）',
            'fill the plan for all twelve months, or leave all twelve blank (an even pace)',
          ),
        );
      }
    }
    items.push(item);
  }
  return items;
}

/** `undefined` for a blank cell or one with a problem (recorded). */
function readCell(
  column: WorkbookColumn,
  value: ExcelJS.CellValue,
  place: CellPlace,
  problems: WorkbookProblem[],
): unknown {
  const text = cellText(value);
  const control = controlCharacterIn(text);
  if (control) {
    problems.push(problemAt(place, `含有控制字符 ${control}`, `holds the control character ${control}`));
    return undefined;
  }
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  switch (column.kind) {
    case 'text':
      return trimmed;
    case 'number':
    case 'share':
      return numberOf(value, trimmed, column.kind === 'share', place, problems);
    case 'choice': {
      const entries = Object.entries(column.choices ?? {});
      const code = entries.find(([key, label]) => trimmed === label || trimmed === key)?.[0];
      if (code !== undefined) return code;
      const allowed = entries.map(([, label]) => label).join('、');
      problems.push(
        problemAt(
          place,
          `“${trimmed}”不是可选项（${allowed}）`,
          `"${trimmed}" is not one of ${entries.map(([key]) => key).join(', ')}`,
        ),
      );
      return undefined;
    }
    case 'idList':
      return trimmed.split(/[,，、;；\s]+/).filter((id) => id !== '');
    case 'monthList':
      return listOf(trimmed, place, problems, (part) => {
        const reading = readNumberText(part);
        return reading.ok ? reading.value : undefined;
      });
    case 'date':
      return dateOf(value, trimmed, place, problems);
    case 'raters':
      return listOf(trimmed, place, problems, (part) => {
        const split = part.lastIndexOf('=');
        const weight = split > 0 ? readNumberText(part.slice(split + 1)) : undefined;
        return weight?.ok ? { group: part.slice(0, split).trim(), weight: weight.value } : undefined;
      });
  }
}

/** A comma-separated list whose every part `read` accepts; one problem naming the first part it does not. */
function listOf<T>(
  text: string,
  place: CellPlace,
  problems: WorkbookProblem[],
  read: (part: string) => T | undefined,
): T[] | undefined {
  const parts = text
    .split(/[,，、;；]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const values = parts.map(read);
  const bad = parts.find((_part, index) => values[index] === undefined);
  if (bad === undefined) return values as T[];
  problems.push(
    problemAt(place, `无法识别“${bad}”（多项用逗号分隔）`, `cannot read "${bad}" (separate items with commas)`),
  );
  return undefined;
}

const WRITTEN_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** A date cell, or a date written `2026-06-30`, `2026/6/30`, `2026.6.30` or `2026年6月30日`, as `YYYY-MM-DD`. */
function dateOf(
  value: ExcelJS.CellValue,
  text: string,
  place: CellPlace,
  problems: WorkbookProblem[],
): string | undefined {
  // exceljs reads a date cell as the UTC midnight of the day Excel shows.
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  const match = WRITTEN_DATE.exec(text);
  if (match) {
    const [year, month, day] = match.slice(1).map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day)
      return date.toISOString().slice(0, 10);
  }
  problems.push(
    problemAt(
      place,
      `“${text}”不是可识别的日期（请写作 2026-06-30）`,
      `"${text}" is not a date this reader can be sure of (write 2026-06-30)`,
    ),
  );
  return undefined;
}

function numberOf(
  value: ExcelJS.CellValue,
  text: string,
  percent: boolean,
  place: CellPlace,
  problems: WorkbookProblem[],
): number | undefined {
  const numeric = cellNumber(value);
  if (numeric !== undefined) return numeric;
  const reading = readNumberText(text, { percent });
  if (reading.ok) return reading.value;
  problems.push(
    problemAt(
      place,
      `“${text}”不是可识别的数字（可写作 1200、1,200 或 1200.5${percent ? '，比例也可写作 50%' : ''}）`,
      `"${text}" is not a number this reader can be sure of (write 1200, 1,200 or 1200.5${percent ? ', or a share as 50%' : ''})`,
    ),
  );
  return undefined;
}

function readPolicy(
  sheet: ExcelJS.Worksheet,
  { problems, places }: Reading,
): { top: Record<string, unknown>; policy: Record<string, unknown> } {
  const top: Record<string, unknown> = {};
  const policy: Record<string, unknown> = {};
  for (let row = 2; row <= sheet.rowCount; row += 1) {
    const texts = [1, 2, 3, 4].map((column) => cellText(sheet.getCell(row, column).value));
    const controlAt = texts.findIndex((text) => controlCharacterIn(text) !== null);
    if (controlAt !== -1) {
      const control = controlCharacterIn(texts[controlAt])!;
      problems.push(
        problemAt(
          { sheet: sheet.name, row, column: controlAt + 1 },
          `含有控制字符 ${control}`,
          `holds the control character ${control}`,
        ),
      );
      continue;
    }
    const [label, , , code] = texts.map((text) => text.trim());
    if (label === '' && code === '') continue;
    const setting: PolicyRow = POLICY_ROWS.find((candidate) => candidate.label === label) ??
      POLICY_ROWS.find((candidate) => candidate.key === code) ?? { key: code || label, label, note: '', kind: 'json' };
    const place = { sheet: sheet.name, row, column: 2 };
    const isTop = setting.key === 'name' || setting.key === 'year';
    places.set(isTop ? setting.key : `policy.${setting.key}`, place);
    const value = policyValue(setting, sheet.getCell(row, 2).value, texts[1].trim(), place, problems);
    if (value === undefined) continue;
    if (isTop) top[setting.key] = value;
    else policy[setting.key] = value;
  }
  return { top, policy };
}

function policyValue(
  setting: PolicyRow,
  value: ExcelJS.CellValue,
  text: string,
  place: CellPlace,
  problems: WorkbookProblem[],
): unknown {
  if (text === '') return undefined;
  switch (setting.kind) {
    case 'text':
      return text;
    case 'number':
    case 'integer':
      return numberOf(value, text, false, place, problems);
    case 'boolean':
      if (text === YES_NO.true || text.toLowerCase() === 'true') return true;
      if (text === YES_NO.false || text.toLowerCase() === 'false') return false;
      problems.push(problemAt(place, `请填写“是”或“否”，不是“${text}”`, `write 是 (yes) or 否 (no), not "${text}"`));
      return undefined;
    case 'list':
      if (text === NONE) return [];
      return text
        .split(/[,，、;；]+/)
        .map((part) => part.trim())
        .filter((part) => part !== '');
    case 'json':
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        problems.push(problemAt(place, `不是有效的 JSON（${reason}）`, `not valid JSON: ${reason}`));
        return undefined;
      }
  }
}

/** The place recorded for `path`, or for the nearest enclosing path (`indicators[3].plan[4]` → `indicators[3].plan` → `indicators[3]`). */
function nearestPlace(places: ReadonlyMap<string, CellPlace>, path: string): CellPlace | undefined {
  for (let candidate = path; ; ) {
    const place = places.get(candidate);
    if (place) return place;
    const shorter = candidate.replace(/(?:\.[^.[\]]+|\[\d+\])$/, '');
    if (shorter === candidate || shorter === '') return places.get('$');
    candidate = shorter;
  }
}
