import { describe, expect, it } from 'vitest';
import { addressBookXlsx, zipOf } from '../../../../test/support/zip';
import { readAddressBook, XLSX_TYPE } from './address-book-file';
import { assertUnzipsWithin, XlsxTooLarge } from './xlsx-size';

describe('the uncompressed size of an .xlsx address book', () => {
  it('passes a workbook within the limit, which then reads as usual', async () => {
    const book = addressBookXlsx([
      ['id', 'name', 'roles'],
      ['wang.wei', '王伟', 'ASSESSOR'],
    ]);
    expect(() => assertUnzipsWithin(book)).not.toThrow();
    const read = await readAddressBook(book, XLSX_TYPE);
    expect(read.problems).toEqual([]);
    expect(read.rows).toEqual([{ line: 2, cells: { id: 'wang.wei', name: '王伟', roles: 'ASSESSOR' } }]);
  });

  it('refuses a 45 kB workbook that inflates to 40 MB, naming the limit', () => {
    const bomb = addressBookXlsx([
      ['id', 'name', 'roles'],
      ['x', 'a'.repeat(40_000_000), 'ASSESSOR'],
    ]);
    expect(bomb.length).toBeLessThan(60_000);
    expect(() => assertUnzipsWithin(bomb)).toThrow(XlsxTooLarge);
    expect(() => assertUnzipsWithin(bomb)).toThrow('25 MiB');
  });

  it('stops inflating at the limit when the directory understates an entry', () => {
    const zip = zipOf({ 'xl/worksheets/sheet1.xml': 'b'.repeat(2_000_000) });
    // Declare 100 bytes where two million inflate (central directory size field).
    const directory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(100, directory + 24);
    expect(() => assertUnzipsWithin(zip, 1_000_000)).toThrow(XlsxTooLarge);
  });

  it('says a file that is no zip is not read', () => {
    expect(() => assertUnzipsWithin(Buffer.from('id,name,roles\n'))).toThrow('not a zip file');
  });
});
