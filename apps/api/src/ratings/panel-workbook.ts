import ExcelJS from 'exceljs';
import { cellNumber, cellText, readNumberText, setCellValue, type CellPlace } from '../workbooks/workbook-cells';
import { problemAt, type WorkbookProblem } from '../workbooks/workbook-problem';

/** The fixed columns of a panel's sheet; the members follow, one column each (their id as the header). */
export const PANEL_HEADERS = ['单位编码', '责任单位', '指标编码', '考核指标'] as const;

/** One panel of the round: its members and the indicators it rates, with the scores already stored. */
export interface PanelSheet {
  panel: string;
  members: string[];
  rows: Array<{
    unitId: string;
    unitName: string;
    indicatorId: string;
    indicatorName: string;
    /** member -> score already stored (a paper form re-entered shows what is there). */
    scores: Record<string, number>;
  }>;
}

/** One score read from a filled sheet, and its cell. */
export interface PanelScore {
  panel: string;
  member: string;
  indicatorId: string;
  score: number;
  place: CellPlace;
}

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export const sheetNameOf = (panel: string) => panel.replace(/[:\\/?*[\]]/g, '_').slice(0, 31);

/** The round's ratings workbook (评议表): one sheet per panel, units as rows, members as columns. */
export async function writePanelWorkbook(sheets: readonly PanelSheet[], title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jiebang';
  workbook.title = title;
  for (const { panel, members, rows } of sheets) {
    const sheet = workbook.addWorksheet(sheetNameOf(panel), { views: [{ state: 'frozen', xSplit: 4, ySplit: 1 }] });
    [...PANEL_HEADERS, ...members].forEach((header, index) => {
      const cell = sheet.getCell(1, index + 1);
      setCellValue(cell, header);
      cell.font = { bold: true };
      sheet.getColumn(index + 1).width = index < PANEL_HEADERS.length ? 16 : 10;
    });
    sheet.getCell(1, 1).note = '每位成员一列：填 0 到 100 的评分；留空则该成员未评该单位。';
    rows.forEach((row, index) => {
      const line = index + 2;
      setCellValue(sheet.getCell(line, 1), row.unitId);
      setCellValue(sheet.getCell(line, 2), row.unitName);
      setCellValue(sheet.getCell(line, 3), row.indicatorId);
      setCellValue(sheet.getCell(line, 4), row.indicatorName);
      members.forEach((member, column) => {
        const score = row.scores[member];
        if (score !== undefined) setCellValue(sheet.getCell(line, PANEL_HEADERS.length + 1 + column), score);
      });
    });
  }
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/**
 * Reads a filled ratings workbook against the round's panels: every sheet of a panel that rates
 * in the round is read (others are left alone); a member column must be a member of that panel, a
 * row an indicator the panel rates, a score a number from 0 to 100. Every problem at its cell.
 */
export async function readPanelWorkbook(
  content: Buffer,
  expected: readonly PanelSheet[],
): Promise<{ scores: PanelScore[]; problems: WorkbookProblem[] }> {
  const problems: WorkbookProblem[] = [];
  const scores: PanelScore[] = [];
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer, { ignoreNodes: ['dataValidations'] } as never);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      scores,
      problems: [
        problemAt(undefined, `不是可读取的 .xlsx 工作簿（${reason}）`, `not a readable .xlsx workbook: ${reason}`),
      ],
    };
  }
  let read = 0;
  for (const panel of expected) {
    const sheet = workbook.worksheets.find((candidate) => candidate.name.trim() === sheetNameOf(panel.panel));
    if (!sheet) continue;
    read += 1;
    const name = sheet.name;
    const headers = PANEL_HEADERS.map((_, index) => cellText(sheet.getCell(1, index + 1).value).trim());
    if (headers.join('|') !== PANEL_HEADERS.join('|')) {
      problems.push(
        problemAt(
          { sheet: name, row: 1 },
          `表头应为 ${PANEL_HEADERS.join('、')}`,
          `the headers should be ${PANEL_HEADERS.join(', ')}`,
        ),
      );
      continue;
    }
    const members: Array<{ member: string; column: number }> = [];
    for (let column = PANEL_HEADERS.length + 1; column <= sheet.columnCount; column += 1) {
      const member = cellText(sheet.getCell(1, column).value).trim();
      if (member === '') continue;
      if (!panel.members.includes(member))
        problems.push(
          problemAt(
            { sheet: name, row: 1, column },
            `“${member}”不是${panel.panel}的成员`,
            `"${member}" is not a member of panel ${panel.panel}`,
          ),
        );
      else if (members.some((seen) => seen.member === member))
        problems.push(problemAt({ sheet: name, row: 1, column }, `成员“${member}”重复`, `member "${member}" twice`));
      else members.push({ member, column });
    }
    const rated = new Set(panel.rows.map((row) => row.indicatorId));
    const seenRows = new Set<string>();
    for (let row = 2; row <= sheet.rowCount; row += 1) {
      const indicatorId = cellText(sheet.getCell(row, 3).value).trim();
      const cells = members.map(({ member, column }) => ({ member, column, value: sheet.getCell(row, column).value }));
      const filled = cells.filter((cell) => cellText(cell.value).trim() !== '');
      if (indicatorId === '' && filled.length === 0) continue;
      if (!rated.has(indicatorId)) {
        problems.push(
          problemAt(
            { sheet: name, row, column: 3 },
            `“${indicatorId}”不是本轮由${panel.panel}评议的指标`,
            `"${indicatorId}" is not rated by panel ${panel.panel} in this round`,
          ),
        );
        continue;
      }
      if (seenRows.has(indicatorId)) {
        problems.push(
          problemAt({ sheet: name, row, column: 3 }, `指标“${indicatorId}”重复`, `indicator "${indicatorId}" twice`),
        );
        continue;
      }
      seenRows.add(indicatorId);
      for (const { member, column, value } of filled) {
        const place = { sheet: name, row, column };
        const number = cellNumber(value);
        const reading =
          number !== undefined ? { ok: true as const, value: number } : readNumberText(cellText(value).trim());
        if (!reading.ok || reading.value < 0 || reading.value > 100) {
          problems.push(
            problemAt(
              place,
              `评分应为 0 到 100 的数字，而不是“${cellText(value)}”`,
              `a rating is a number from 0 to 100, not "${cellText(value)}"`,
            ),
          );
          continue;
        }
        scores.push({ panel: panel.panel, member, indicatorId, score: reading.value, place });
      }
    }
  }
  if (read === 0)
    problems.push(
      problemAt(
        undefined,
        `没有本轮评议小组的工作表（${expected.map(({ panel }) => sheetNameOf(panel)).join('、')}）`,
        `no sheet of a panel of this round (${expected.map(({ panel }) => sheetNameOf(panel)).join(', ')})`,
      ),
    );
  return { scores, problems };
}
