import ExcelJS from 'exceljs';
import { presetRules, type PolicyInput } from '@jiebang/domain';
import { setCellValue } from './workbook-cells';
import {
  CATEGORY_COLUMNS,
  CATEGORY_FIRST_COLUMN,
  INDICATOR_COLUMNS,
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
import { columnLetters } from './workbook-cells';

/** The parts of a scenario the target workbook shows. */
export interface TargetDocument {
  name: string;
  year: number;
  policy: Record<string, unknown>;
  categories: Array<Record<string, unknown>>;
  units: Array<Record<string, unknown>>;
  indicators: Array<Record<string, unknown>>;
  /** Key projects (三挂): the 挂帅领导 and 重点项目 sheets, empty when the year has none. */
  leaders?: Array<Record<string, unknown>>;
  projects?: Array<Record<string, unknown>>;
}

/** Rows below the last one written that still offer the drop-downs, for the person to add to. */
const SPARE_ROWS = 200;

/** An example district: what the template shows in its first rows. */
export function exampleDocument(year: number): TargetDocument {
  return {
    name: `${year}年度目标责任考核`,
    year,
    policy: {},
    categories: [{ id: 'econ', name: '经济部门' }],
    units: [
      { id: 'u-dev', name: '区发改局', category: 'econ' },
      { id: 'u-com', name: '区商务局', category: 'econ' },
    ],
    indicators: [
      {
        id: 'dev-invest',
        unit: 'u-dev',
        name: '固定资产投资',
        dimension: '项目建设',
        direction: 'increase',
        measure: 'cumulative',
        weight: 100,
        satisfactory: 24000,
        disallowed: 12000,
        plan: [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1],
        cooperating: ['u-com'],
        basis: 'continuous',
      },
      {
        id: 'com-retail',
        unit: 'u-com',
        name: '社会消费品零售总额',
        dimension: '招商引资',
        direction: 'increase',
        measure: 'cumulative',
        weight: 100,
        satisfactory: 36000,
        disallowed: 30000,
      },
    ],
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
  };
}

/** Writes the target workbook of a document: the template (with the example) or a cycle's export. */
export async function writeTargetWorkbook(document: TargetDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jiebang';
  const units = workbook.addWorksheet(SHEETS.units, { views: [{ state: 'frozen', ySplit: 1 }] });
  const indicators = workbook.addWorksheet(SHEETS.indicators, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  const policy = workbook.addWorksheet(SHEETS.policy, { views: [{ state: 'frozen', ySplit: 1 }] });
  const leaders = workbook.addWorksheet(SHEETS.leaders, { views: [{ state: 'frozen', ySplit: 1 }] });
  const projects = workbook.addWorksheet(SHEETS.projects, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });

  const unitRows = Math.max(document.units.length, document.categories.length) + SPARE_ROWS;
  writeTable(units, 1, UNIT_COLUMNS, document.units, unitRows);
  writeTable(units, CATEGORY_FIRST_COLUMN, CATEGORY_COLUMNS, document.categories, unitRows);
  writeTable(indicators, 1, INDICATOR_COLUMNS, document.indicators, document.indicators.length + SPARE_ROWS, {
    units: unitRows,
  });
  writePolicy(policy, document);
  const leaderRows = (document.leaders?.length ?? 0) + SPARE_ROWS;
  writeTable(leaders, 1, LEADER_COLUMNS, document.leaders ?? [], leaderRows);
  writeTable(projects, 1, PROJECT_COLUMNS, document.projects ?? [], (document.projects?.length ?? 0) + SPARE_ROWS, {
    units: unitRows,
    leaders: leaderRows,
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}

function writeTable(
  sheet: ExcelJS.Worksheet,
  firstColumn: number,
  columns: readonly WorkbookColumn[],
  items: Array<Record<string, unknown>>,
  rowsWithDropDowns: number,
  /** The rows of the lists a drop-down offers, when they differ from this table's. */
  listRows: { units?: number; leaders?: number } = {},
): void {
  columns.forEach((column, offset) => {
    const index = firstColumn + offset;
    const header = sheet.getCell(1, index);
    header.value = column.header;
    header.note = column.required ? `${column.note}（必填）` : column.note;
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: column.required ? 'FFFCE4D6' : 'FFEDEDED' } };
    sheet.getColumn(index).width = Math.max(10, column.header.length * 2 + 4);
    if (column.kind === 'share') sheet.getColumn(index).numFmt = '0%';
    items.forEach((item, position) => setCellValue(sheet.getCell(position + 2, index), cellValueOf(column, item)));
    const list = dropDownOf(column, rowsWithDropDowns, listRows);
    if (list) {
      const letters = columnLetters(index);
      dropDowns(sheet).add(`${letters}2:${letters}${rowsWithDropDowns + 1}`, {
        type: 'list',
        allowBlank: !column.required,
        formulae: [list],
        showErrorMessage: column.kind === 'choice',
        errorTitle: column.header,
        error: column.note,
      });
    }
  });
}

/**
 * A sheet's data validations by range: exceljs types only the per-cell form, which for ten
 * thousand rows costs seconds to write; its worksheet model takes a range as one entry.
 */
function dropDowns(sheet: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } })
    .dataValidations;
}

function dropDownOf(
  column: WorkbookColumn,
  rows: number,
  listRows: { units?: number; leaders?: number },
): string | undefined {
  if (column.choices) return `"${Object.values(column.choices).join(',')}"`;
  const last = rows + 1;
  if (column.listOf === 'leaders') return `${SHEETS.leaders}!$A$2:$A$${(listRows.leaders ?? rows) + 1}`;
  if (column.listOf === 'units') return `${SHEETS.units}!$A$2:$A$${(listRows.units ?? rows) + 1}`;
  if (column.listOf === 'categories') {
    const letters = columnLetters(CATEGORY_FIRST_COLUMN);
    return `${SHEETS.units}!$${letters}$2:$${letters}$${last}`;
  }
  return undefined;
}

function cellValueOf(column: WorkbookColumn, item: Record<string, unknown>): string | number | null {
  const value = item[column.field];
  if (value === undefined || value === null) return null;
  if (column.month !== undefined) return Array.isArray(value) ? ((value[column.month - 1] as number) ?? null) : null;
  if (column.milestone !== undefined)
    return Array.isArray(value)
      ? ((value as Array<{ kind: string; due: string }>).find(({ kind }) => kind === column.milestone)?.due ?? null)
      : null;
  if (column.kind === 'choice') return column.choices?.[String(value)] ?? String(value);
  if (column.kind === 'idList' || column.kind === 'monthList')
    return Array.isArray(value) && value.length > 0 ? value.join(', ') : null;
  if (column.kind === 'raters')
    return Array.isArray(value)
      ? (value as Array<{ group: string; weight: number }>).map(({ group, weight }) => `${group}=${weight}`).join(', ')
      : null;
  return typeof value === 'number' ? value : String(value);
}

function writePolicy(sheet: ExcelJS.Worksheet, document: TargetDocument): void {
  POLICY_HEADERS.forEach((header, index) => {
    const cell = sheet.getCell(1, index + 1);
    cell.value = header;
    cell.font = { bold: true };
  });
  sheet.getCell(1, 1).note = '每行一项设置；按“设置项”（或“代码”）识别，不要改动。';
  sheet.getCell(1, 2).note = `填写设置的值；留空则取默认值（名称与年度必填）；列表填“${NONE}”表示空列表。`;
  sheet.getCell(1, 3).note = '设置项的说明，仅供阅读。';
  sheet.getCell(1, 4).note = '设置项在考核方案（jiebang-scenario/1）中的代码，仅供对照。';
  sheet.getColumn(1).width = 24;
  sheet.getColumn(2).width = 40;
  sheet.getColumn(3).width = 60;
  sheet.getColumn(4).width = 22;
  const values: Record<string, unknown> = {
    name: document.name,
    year: document.year,
    ...policyToShow(document.policy),
  };
  const known = new Set(POLICY_ROWS.map((row) => row.key));
  const extra = Object.keys(document.policy)
    .filter((key) => !known.has(key))
    .map((key): PolicyRow => ({ key, label: key, note: '', kind: 'json' }));
  [...POLICY_ROWS, ...extra].forEach((row, index) => {
    const line = index + 2;
    setCellValue(sheet.getCell(line, 1), row.label);
    setCellValue(sheet.getCell(line, 2), policyCellValue(row, values[row.key]));
    setCellValue(sheet.getCell(line, 3), row.note);
    setCellValue(sheet.getCell(line, 4), row.key);
    if (row.kind === 'boolean')
      sheet.getCell(line, 2).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${YES_NO.true},${YES_NO.false}"`],
      };
  });
}

/** A stored policy carries its ladder rules resolved: they are shown only when they differ from the presets. */
function policyToShow(policy: Record<string, unknown>): Record<string, unknown> {
  const { rules, ...rest } = policy;
  if (rules === undefined) return rest;
  const ladders = (rest.ladders ?? ['rank']) as PolicyInput['ladders'];
  const preset = presetRules(ladders ?? ['rank']);
  return JSON.stringify(preset) === JSON.stringify(rules) ? rest : { ...rest, rules };
}

function policyCellValue(row: PolicyRow, value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  switch (row.kind) {
    case 'boolean':
      return value === true ? YES_NO.true : value === false ? YES_NO.false : String(value);
    case 'list':
      return Array.isArray(value) ? (value.length === 0 ? NONE : value.join(', ')) : String(value);
    case 'json':
      return JSON.stringify(value);
    default:
      return typeof value === 'number' ? value : String(value);
  }
}
