import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  cellReference,
  cellText,
  columnLetters,
  controlCharacterIn,
  readNumberText,
  safeCsvField,
  setCellValue,
} from './workbook-cells';

describe('reading a number a person typed as text', () => {
  it.each([
    ['1200', 1200],
    [' 1200 ', 1200],
    ['1,200', 1200],
    ['1,234,567.25', 1234567.25],
    ['-3.5', -3.5],
    ['+12', 12],
    ['.5', 0.5],
    ['\u30001200\u3000', 1200],
  ])('reads %j as %d', (text, value) => {
    expect(readNumberText(text)).toEqual({ ok: true, value });
  });

  it.each(['1.200,5', '12,00', '1,2', '1 200', '1,,200', 'abc', '12e3', '', '  ', '1.2.3', '50%'])(
    'refuses %j, which a reader could take more than one way or not at all',
    (text) => {
      expect(readNumberText(text).ok).toBe(false);
    },
  );

  it('reads a percentage only where shares are written', () => {
    expect(readNumberText('50%', { percent: true })).toEqual({ ok: true, value: 0.5 });
    expect(readNumberText(' 5 % ', { percent: true })).toEqual({ ok: true, value: 0.05 });
  });
});

describe('cell references', () => {
  it.each([
    [1, 'A'],
    [6, 'F'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [703, 'AAA'],
  ])('column %d is %s', (column, letters) => {
    expect(columnLetters(column)).toBe(letters);
  });

  it('names a cell, a row and a sheet', () => {
    expect(cellReference({ sheet: '指标', row: 7, column: 6 })).toBe('指标!F7');
    expect(cellReference({ sheet: '指标', row: 7 })).toBe('指标!7:7');
    expect(cellReference({ sheet: '政策' })).toBe('政策');
  });

  it('refuses a column number below 1', () => {
    expect(() => columnLetters(0)).toThrow(RangeError);
  });
});

describe('control characters', () => {
  it.each([
    ['a\u0000b', 'U+0000'],
    ['line\nbreak', 'U+000A'],
    ['\u007f', 'U+007F'],
    ['\u0085', 'U+0085'],
  ])('finds the control character in %j', (text, code) => {
    expect(controlCharacterIn(text)).toBe(code);
  });

  it('sees a control character Excel stored as _xHHHH_, and a literal _x written as _x005F_x as text', () => {
    expect(controlCharacterIn(cellText('固定资产_x0007_投资'))).toBe('U+0007');
    expect(cellText('a_x005F_x0007_b')).toBe('a_x0007_b');
    expect(controlCharacterIn(cellText('a_x005F_x0007_b'))).toBeNull();
  });

  it('finds none in ordinary Chinese text', () => {
    expect(controlCharacterIn('区发改局 固定资产投资（亿元）')).toBeNull();
  });
});

describe('formula-looking texts', () => {
  it.each(['=SUM(A1:A2)', '+1', '-2', '@cmd'])('writes %j as text, never as a formula', async (text) => {
    const workbook = new ExcelJS.Workbook();
    setCellValue(workbook.addWorksheet('s').getCell('A1'), text);
    const reopened = new ExcelJS.Workbook();
    await reopened.xlsx.load((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const cell = reopened.getWorksheet('s')!.getCell('A1');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(text);
    expect(cell.numFmt).toBe('@');
  });

  it('quotes a formula-looking CSV field so that no spreadsheet evaluates it', () => {
    expect(safeCsvField('=1+1')).toBe("'=1+1");
    expect(safeCsvField('a,"b"')).toBe('"a,""b"""');
    expect(safeCsvField(-2)).toBe('-2');
  });
});
