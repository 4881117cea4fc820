import type { WorkbookProblem } from '@jiebang/contracts/http/workbooks';
import { cellReference, type CellPlace } from './workbook-cells';

/** A problem at a place (none: the file as a whole). */
export function problemAt(place: CellPlace | undefined, message: string, messageEn: string): WorkbookProblem {
  return {
    cell: place ? cellReference(place) : '$',
    sheet: place?.sheet ?? null,
    row: place?.row ?? null,
    column: place?.column ?? null,
    message,
    messageEn,
  };
}

/** Problems in the order a person reads the workbook: sheet by sheet, row by row, column by column. */
export function inWorkbookOrder(problems: WorkbookProblem[], sheets: readonly string[]): WorkbookProblem[] {
  const sheetRank = (sheet: string | null) => (sheet === null ? -1 : sheets.indexOf(sheet));
  return [...problems].sort(
    (a, b) =>
      sheetRank(a.sheet) - sheetRank(b.sheet) || (a.row ?? 0) - (b.row ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}

export type { WorkbookProblem };
