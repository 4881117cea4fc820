/** The largest evidence file accepted, in bytes (10 MiB). */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** How many evidence files one monthly report may carry. */
export const EVIDENCE_MAX_FILES = 20;

/** The most bytes all evidence files of one monthly report may hold together (100 MiB). */
export const EVIDENCE_MAX_REPORT_BYTES = 100 * 1024 * 1024;

/**
 * The file types a report's evidence may be (scans, photos, spreadsheets, documents), each with
 * the bytes its content must start with: the declared type alone is not trusted.
 */
export const EVIDENCE_TYPES = {
  'application/pdf': { extensions: ['pdf'], magic: [[0x25, 0x50, 0x44, 0x46]] },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], magic: [[0xff, 0xd8, 0xff]] },
  'image/png': { extensions: ['png'], magic: [[0x89, 0x50, 0x4e, 0x47]] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    extensions: ['xlsx'],
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    extensions: ['docx'],
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
  'application/vnd.ms-excel': { extensions: ['xls'], magic: [[0xd0, 0xcf, 0x11, 0xe0]] },
} as const satisfies Record<string, { extensions: readonly string[]; magic: readonly (readonly number[])[] }>;
export type EvidenceContentType = keyof typeof EVIDENCE_TYPES;

// An evidence file as the API lists it: its schema is in contracts/http/evidence.
export type { EvidenceFileView } from './http/evidence';
