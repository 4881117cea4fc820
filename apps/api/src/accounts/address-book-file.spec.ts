import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CSV_TYPE, readAddressBook, XLSX_TYPE } from './address-book-file';

const csv = (text: string) => readAddressBook(Buffer.from(text, 'utf8'), CSV_TYPE);

describe('reading an address book', () => {
  it('reads Chinese or English headers, a byte-order mark, quoted cells and CRLF, with each row its line', async () => {
    const read = await csv('\uFEFF账号,姓名,Roles,单位\r\nzhang,"张, 三",UNIT_HEAD,u-a\r\n\r\nli,李四,ASSESSOR,\r\n');
    expect(read.problems).toEqual([]);
    expect(read.rows).toEqual([
      { line: 2, cells: { id: 'zhang', name: '张, 三', roles: 'UNIT_HEAD', unit: 'u-a' } },
      { line: 4, cells: { id: 'li', name: '李四', roles: 'ASSESSOR' } },
    ]);
  });

  it('reads a CSV saved by a Chinese-language Excel (GBK) as well as UTF-8', async () => {
    const gbk = Buffer.from(
      // 账号,姓名,角色\r\nzhang,张三,ASSESSOR\r\n in GBK
      'd5cbbac52cd0d5c3fb2cbdc7c9ab0d0a7a68616e672cd5c5c8fd2c4153534553534f520d0a',
      'hex',
    );
    const read = await readAddressBook(gbk, CSV_TYPE);
    expect(read).toEqual({
      problems: [],
      rows: [{ line: 2, cells: { id: 'zhang', name: '张三', roles: 'ASSESSOR' } }],
    });
  });

  it('names an unknown column, a repeated one and a missing required one', async () => {
    const read = await csv('id,姓名,name,colour\nx,y,z,red\n');
    expect(read.problems).toEqual([
      { line: 1, field: 'name', message: 'a second name column' },
      expect.objectContaining({ line: 1, field: 'colour', message: expect.stringContaining('unknown column') }),
      expect.objectContaining({ line: 1, field: 'roles', message: expect.stringContaining('missing') }),
    ]);
  });

  it('reports a file that is not CSV at all, and an empty one', async () => {
    expect((await csv('id,name\n"unclosed,x\n')).problems[0]).toMatchObject({ field: '$' });
    expect((await csv('')).problems).toEqual([{ line: 1, field: '$', message: 'the file is empty' }]);
    const notXlsx = await readAddressBook(Buffer.from('plain text'), XLSX_TYPE);
    expect(notXlsx.problems[0]).toMatchObject({ field: '$', message: expect.stringContaining('.xlsx') });
  });

  it('reads a spreadsheet as typed: numbers whole, links by their text, formulas by their result', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('通讯录');
    sheet.addRow(['账号', '姓名', '角色', '手机', '邮箱']);
    sheet.addRow([]);
    sheet.addRow([
      'wang',
      { richText: [{ text: '王' }, { text: '五' }] },
      { formula: '"ASSESSOR"', result: 'ASSESSOR' },
      13800138000,
      { text: 'wang@example.gov.cn', hyperlink: 'mailto:wang@example.gov.cn' },
    ]);
    const read = await readAddressBook(Buffer.from(await workbook.xlsx.writeBuffer()), XLSX_TYPE);
    expect(read).toEqual({
      problems: [],
      rows: [
        {
          line: 3,
          cells: { id: 'wang', name: '王五', roles: 'ASSESSOR', mobile: '13800138000', email: 'wang@example.gov.cn' },
        },
      ],
    });
  });
});
