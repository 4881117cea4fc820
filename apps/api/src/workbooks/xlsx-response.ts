import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/** A downloaded file: its bytes, type and name (a Chinese name survives as `filename*`). */
export function downloadFile(response: Response, type: string, name: string, content: Buffer): StreamableFile {
  response.setHeader('cache-control', 'no-store');
  return new StreamableFile(content, {
    type,
    length: content.length,
    disposition: `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
  });
}

export function xlsxFile(response: Response, name: string, content: Buffer): StreamableFile {
  return downloadFile(response, XLSX_TYPE, name, content);
}
