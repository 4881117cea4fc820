import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ADDRESS_BOOK_COLUMNS, type AddressBookColumn, type ImportProblem } from '@jiebang/contracts/account';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The media types POST /accounts/import reads. */
export const ADDRESS_BOOK_TYPES = [CSV_TYPE, XLSX_TYPE] as const;
export type AddressBookType = (typeof ADDRESS_BOOK_TYPES)[number];

/** One person's row: its line in the file (the header is line 1) and its cells by column. */
export interface AddressBookRow {
  line: number;
  cells: Partial<Record<AddressBookColumn, string>>;
}

/** The rows of a file, or the problems that stop it being read at all. */
export type ReadOutcome = { rows: AddressBookRow[]; problems: ImportProblem[] };

const MAX_ROWS = 20_000;

/** Reads an address book (CSV in UTF-8 or GBK, or the first sheet of an .xlsx workbook) into rows by column. */
export async function readAddressBook(content: Buffer, type: AddressBookType): Promise<ReadOutcome> {
  let lines: Array<{ line: number; values: string[] }>;
  try {
    lines = type === CSV_TYPE ? csvLines(content) : await spreadsheetLines(content);
  } catch (error) {
    const what = type === CSV_TYPE ? 'CSV' : '.xlsx workbook';
    return { rows: [], problems: [{ line: 0, field: '$', message: `not a readable ${what}: ${messageOf(error)}` }] };
  }
  const [header, ...body] = lines;
  if (!header) return { rows: [], problems: [{ line: 1, field: '$', message: 'the file is empty' }] };
  if (body.length > MAX_ROWS)
    return { rows: [], problems: [{ line: 0, field: '$', message: `at most ${MAX_ROWS} rows per file` }] };
  const { columns, problems } = columnsOf(header.values, header.line);
  const rows = body
    .filter(({ values }) => values.some((value) => value !== ''))
    .map(({ line, values }) => ({
      line,
      cells: Object.fromEntries(
        columns.flatMap((column, index) => (column && values[index] ? [[column, values[index]]] : [])),
      ),
    }));
  return { rows, problems };
}

function columnsOf(
  header: string[],
  line: number,
): { columns: Array<AddressBookColumn | undefined>; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const seen = new Set<AddressBookColumn>();
  const columns = header.map((title) => {
    const column = columnNamed(title);
    if (!title) return undefined;
    if (!column) {
      problems.push({
        line,
        field: title,
        message: `unknown column; known: ${Object.keys(ADDRESS_BOOK_COLUMNS).join(', ')}`,
      });
      return undefined;
    }
    if (seen.has(column)) problems.push({ line, field: title, message: `a second ${column} column` });
    seen.add(column);
    return column;
  });
  for (const required of ['id', 'name', 'roles'] as const)
    if (!seen.has(required))
      problems.push({
        line,
        field: required,
        message: `the column is missing (${ADDRESS_BOOK_COLUMNS[required].join(' / ')})`,
      });
  return { columns, problems };
}

function columnNamed(title: string): AddressBookColumn | undefined {
  const wanted = title.trim().toLowerCase();
  return (Object.keys(ADDRESS_BOOK_COLUMNS) as AddressBookColumn[]).find((column) =>
    (ADDRESS_BOOK_COLUMNS[column] as readonly string[]).includes(wanted),
  );
}

function csvLines(content: Buffer): Array<{ line: number; values: string[] }> {
  const records = parse(csvText(content), {
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  return records.map(({ record, info }) => ({ line: info.lines, values: record }));
}

/**
 * The file as text: UTF-8, or else GB18030 (which covers GBK and GB2312), the encoding a
 * Chinese-language Excel gives a CSV unless told otherwise.
 */
function csvText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return new TextDecoder('gb18030').decode(content);
  }
}

async function spreadsheetLines(content: Buffer): Promise<Array<{ line: number; values: string[] }>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const lines: Array<{ line: number; values: string[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      values[column - 1] = cellText(cell.value).trim();
    });
    lines.push({ line: row.number, values: Array.from(values, (value) => value ?? '') });
  });
  return lines;
}

/** A cell as the person typed it: hyperlinks (emails) by their text, formulas by their result, numbers whole. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('error' in value) return '';
  return String(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
