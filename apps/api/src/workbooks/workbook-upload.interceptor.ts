import {
  Injectable,
  PayloadTooLargeException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { tooLarge } from './target-workbooks.service';
import { WORKBOOK_MAX_BYTES } from './xlsx-package';

/** The form field a multipart upload carries the workbook in. */
export const WORKBOOK_FIELD = 'file';

/** What multer keeps of an uploaded file (in memory). */
interface UploadedWorkbook {
  buffer: Buffer;
}

const Multipart = FileInterceptor(WORKBOOK_FIELD, {
  limits: { fileSize: WORKBOOK_MAX_BYTES, files: 1, fields: 0, parts: 1 },
});

/**
 * A workbook arrives either as the request body (an .xlsx of any declared type) or as the field
 * `file` of a multipart form; a multipart file over the limit gets the same 413 naming the limit.
 */
@Injectable()
export class WorkbookUploadInterceptor implements NestInterceptor {
  private readonly multipart = new Multipart();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multipart.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException) throw tooLarge();
      throw error;
    }
  }
}

/** The uploaded workbook's bytes: the multipart file, or else the raw body (empty when neither). */
export function uploadedWorkbook(request: Request): Buffer {
  const file = (request as Request & { file?: UploadedWorkbook }).file;
  if (file) return file.buffer;
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}
