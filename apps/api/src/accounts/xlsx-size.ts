import { inflateRawSync } from 'node:zlib';

/** The most an .xlsx address book may unzip to (25 MiB): 20,000 rows of contact details take far less. */
export const XLSX_MAX_UNCOMPRESSED_BYTES = 25 * 1024 * 1024;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** Why a workbook is refused before it is unzipped whole. */
export class XlsxTooLarge extends Error {}

/**
 * Checks that a zip (an .xlsx) unzips to at most `limit` bytes, before anything unzips it whole:
 * the sizes its directory declares are summed, then each entry is inflated with a cap of what is
 * left of the limit (a directory can lie; inflation stops at the cap). Throws XlsxTooLarge naming
 * the limit, or an Error when the file is not a zip this check can read.
 */
export function assertUnzipsWithin(content: Buffer, limit = XLSX_MAX_UNCOMPRESSED_BYTES): void {
  const refused = () =>
    new XlsxTooLarge(
      `the workbook unzips to more than ${limit / 1024 / 1024} MiB, the limit on an .xlsx address book's uncompressed size`,
    );
  const entries = directoryOf(content);
  if (entries.reduce((sum, entry) => sum + entry.size, 0) > limit) throw refused();
  let left = limit;
  for (const entry of entries) {
    const data = dataOf(content, entry);
    let size: number;
    if (entry.method === 0) size = data.length;
    else if (entry.method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: left + 1 }).length;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw refused();
        throw new Error('a damaged zip entry');
      }
    } else throw new Error(`zip compression method ${entry.method} is not read`);
    left -= size;
    if (left < 0) throw refused();
  }
}

interface Entry {
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function directoryOf(content: Buffer): Entry[] {
  let end = -1;
  for (let at = content.length - 22; at >= Math.max(0, content.length - 22 - 0xffff); at--)
    if (content.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  if (end < 0) throw new Error('not a zip file');
  const count = content.readUInt16LE(end + 10);
  let at = content.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let index = 0; index < count; index++) {
    if (at + 46 > content.length || content.readUInt32LE(at) !== DIRECTORY_ENTRY)
      throw new Error('a damaged zip directory');
    const compressedSize = content.readUInt32LE(at + 20);
    const size = content.readUInt32LE(at + 24);
    if (compressedSize === 0xffffffff || size === 0xffffffff) throw new Error('ZIP64 workbooks are not read');
    entries.push({
      method: content.readUInt16LE(at + 10),
      compressedSize,
      size,
      localOffset: content.readUInt32LE(at + 42),
    });
    at += 46 + content.readUInt16LE(at + 28) + content.readUInt16LE(at + 30) + content.readUInt16LE(at + 32);
  }
  return entries;
}

function dataOf(content: Buffer, entry: Entry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > content.length || content.readUInt32LE(at) !== LOCAL_HEADER) throw new Error('a damaged zip entry');
  const start = at + 30 + content.readUInt16LE(at + 26) + content.readUInt16LE(at + 28);
  if (start + entry.compressedSize > content.length) throw new Error('a damaged zip entry');
  return content.subarray(start, start + entry.compressedSize);
}
