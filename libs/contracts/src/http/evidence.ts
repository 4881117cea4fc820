import { z } from 'zod';

// Answers of the evidence files of monthly reports.

/** An evidence file of a monthly report, as the API lists it (GET .../reports/{month}/evidence). */
export const evidenceFileView = z.object({
  id: z.string(),
  cycleId: z.string(),
  unitId: z.string(),
  month: z.number(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string().describe('Hex SHA-256 of the bytes; the download sends it as `x-content-sha256` too'),
  uploadedBy: z.string(),
  uploadedAt: z.iso.datetime(),
});
export type EvidenceFileView = z.infer<typeof evidenceFileView>;
