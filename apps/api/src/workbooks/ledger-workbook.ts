import ExcelJS from 'exceljs';
import { safeCsvField, setCellValue } from './workbook-cells';

/** A value a ledger cell holds. */
export type LedgerValue = string | number | boolean | Date | null;

export interface LedgerColumn {
  header: string;
  width?: number;
  /** Excel number format, e.g. '0.00' for scores. */
  numFmt?: string;
}

/** One sheet of a ledger (台账): a title line, a header and the rows. */
export interface LedgerSheet {
  name: string;
  title: string;
  columns: readonly LedgerColumn[];
  rows: LedgerValue[][];
}

/** The row of a ledger sheet its header is on: row 1 is the title. */
export const LEDGER_HEADER_ROW = 2;

/** Writes a ledger workbook; every cell goes through setCellValue, so no text ever becomes a formula. */
export async function writeLedger(sheets: readonly LedgerSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jiebang';
  const used = new Set<string>();
  for (const ledger of sheets) {
    const sheet = workbook.addWorksheet(uniqueSheetName(ledger.name, used), {
      views: [{ state: 'frozen', ySplit: LEDGER_HEADER_ROW }],
    });
    setCellValue(sheet.getCell(1, 1), ledger.title);
    sheet.getCell(1, 1).font = { bold: true, size: 14 };
    ledger.columns.forEach((column, index) => {
      const cell = sheet.getCell(LEDGER_HEADER_ROW, index + 1);
      setCellValue(cell, column.header);
      cell.font = { bold: true };
      sheet.getColumn(index + 1).width = column.width ?? Math.max(10, column.header.length * 2 + 4);
    });
    ledger.rows.forEach((row, rowIndex) =>
      row.forEach((value, index) => {
        const cell = sheet.getCell(LEDGER_HEADER_ROW + 1 + rowIndex, index + 1);
        setCellValue(cell, value);
        const format = ledger.columns[index]?.numFmt;
        if (format && typeof value === 'number') cell.numFmt = format;
      }),
    );
  }
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A CSV document (UTF-8 with a byte-order mark, which Excel needs to read Chinese) whose fields cannot become formulas. */
export function writeCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>,
): Buffer {
  const lines = [header, ...rows].map((row) => row.map((field) => safeCsvField(field)).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** Excel's rules for sheet names: at most 31 characters, none of []:*?/\, unique. */
function uniqueSheetName(wanted: string, used: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let name = base;
  for (let copy = 2; used.has(name.toLowerCase()); copy += 1) name = `${base.slice(0, 27)}(${copy})`;
  used.add(name.toLowerCase());
  return name;
}
