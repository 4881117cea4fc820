import type ExcelJS from 'exceljs';

/** Where a problem sits in a workbook: `指标!F7`, or a whole sheet or the file when row or column is absent. */
export interface CellPlace {
  sheet: string;
  row?: number;
  column?: number;
}

/** The column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 1) throw new RangeError(`Not a column number: ${column}`);
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26))
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** `指标!F7`, `指标!7:7` for a whole row, `指标` for a whole sheet. */
export function cellReference(place: CellPlace): string {
  if (place.row === undefined) return place.sheet;
  if (place.column === undefined) return `${place.sheet}!${place.row}:${place.row}`;
  return `${place.sheet}!${columnLetters(place.column)}${place.row}`;
}

/** A number read from a cell, or why it is not one. */
export type NumberReading = { ok: true; value: number } | { ok: false; reason: string };

const PLAIN = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const SPACES = /^[\s\u3000]+|[\s\u3000]+$/g;

/**
 * Reads a number a person typed as text: surrounding spaces are ignored and commas are accepted
 * as thousands separators in groups of three ("1,200", " 1200 ", "1,234,567.5"); a trailing
 * `%` divides by 100 where `percent` allows it. Anything a reader could take two ways is refused:
 * "1.200,5" (a European decimal comma), "12,00", "1 200".
 */
export function readNumberText(text: string, { percent = false } = {}): NumberReading {
  let written = text.replace(SPACES, '');
  let scale = 1;
  if (percent && written.endsWith('%')) {
    written = written.slice(0, -1).replace(SPACES, '');
    scale = 100;
  }
  if (written === '') return { ok: false, reason: 'empty' };
  if (!PLAIN.test(written) && !GROUPED.test(written)) return { ok: false, reason: 'not a number' };
  const value = Number(written.replaceAll(',', '')) / scale;
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'not a finite number' };
}

// Every C0 control, DEL and every C1 control: none belongs in a workbook cell Jiebang reads.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** The first control character in `text`, as `U+000B`, or null. */
export function controlCharacterIn(text: string): string | null {
  const match = CONTROL.exec(text);
  return match ? `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

const FORMULA_START = /^[=+\-@]/;

/**
 * Writes a value into a cell so that a spreadsheet never takes a text for a formula (CSV or
 * formula injection): a text is always stored as a string, and one that begins with `=`, `+`,
 * `-` or `@` also gets the text format (`@`), so that editing the cell in Excel keeps it text.
 * Every ledger and export writes its cells through this.
 */
export function setCellValue(cell: ExcelJS.Cell, value: string | number | boolean | Date | null | undefined): void {
  cell.value = value ?? null;
  if (typeof value === 'string' && FORMULA_START.test(value)) cell.numFmt = '@';
}

/** A CSV field: quoted when needed, and a formula-looking text prefixed with `'` so no spreadsheet evaluates it. */
export function safeCsvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A spreadsheet stores a character XML cannot hold (a control character) as `_xHHHH_`, and a
 * literal `_x` as `_x005F_x`; this gives the characters back, so that the checks see what Excel shows.
 */
export function decodeSpreadsheetEscapes(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_escape, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A cell's value as the text Excel shows: rich text joined, formulas by their result, escapes decoded. */
export function cellText(value: ExcelJS.CellValue): string {
  return decodeSpreadsheetEscapes(rawCellText(value));
}

function rawCellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return rawCellText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value)
    return rawCellText((value as { result?: ExcelJS.CellValue }).result);
  if ('error' in value) return '';
  return String(value as unknown);
}

/** A cell's value as a number when it holds one (a numeric cell or a formula with a numeric result). */
export function cellNumber(value: ExcelJS.CellValue): number | undefined {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    const result = (value as { result?: unknown }).result;
    return typeof result === 'number' ? result : undefined;
  }
  return undefined;
}
