/** The largest workbook upload, as sent. */
export const WORKBOOK_MAX_BYTES = 10 * 1024 * 1024;
/** The largest workbook once unzipped: a small file may inflate to gigabytes (a zip bomb). */
export const WORKBOOK_MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const ZIP64_MARK = 0xffffffff;

/** What the zip directory of an .xlsx says: its unzipped size, or why it cannot be read. */
export type PackageSize = { ok: true; unzippedBytes: number } | { ok: false; reason: 'not-a-zip' | 'zip64' };

/**
 * The total unzipped size an .xlsx (a zip) declares in its central directory, read before any
 * part is inflated. Zip64 archives (parts of 4 GiB and more) are refused: no workbook needs one.
 */
export function declaredUnzippedSize(content: Buffer): PackageSize {
  const end = endOfDirectory(content);
  if (end === -1) return { ok: false, reason: 'not-a-zip' };
  const entries = content.readUInt16LE(end + 10);
  let offset = content.readUInt32LE(end + 16);
  if (offset === ZIP64_MARK) return { ok: false, reason: 'zip64' };
  let total = 0;
  for (let entry = 0; entry < entries; entry += 1) {
    if (offset + 46 > content.length || content.readUInt32LE(offset) !== DIRECTORY_ENTRY)
      return { ok: false, reason: 'not-a-zip' };
    const size = content.readUInt32LE(offset + 24);
    if (size === ZIP64_MARK) return { ok: false, reason: 'zip64' };
    total += size;
    offset +=
      46 + content.readUInt16LE(offset + 28) + content.readUInt16LE(offset + 30) + content.readUInt16LE(offset + 32);
  }
  return { ok: true, unzippedBytes: total };
}

/** The offset of the end-of-central-directory record, searched from the end (a comment may follow it). */
function endOfDirectory(content: Buffer): number {
  const earliest = Math.max(0, content.length - 22 - 0xffff);
  for (let offset = content.length - 22; offset >= earliest; offset -= 1)
    if (content.readUInt32LE(offset) === END_OF_DIRECTORY) return offset;
  return -1;
}
