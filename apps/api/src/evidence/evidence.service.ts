import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import {
  EDITABLE_REPORT_STATUSES,
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MAX_FILES,
  EVIDENCE_MAX_REPORT_BYTES,
  unitSubject,
  type Actor,
  type EvidenceFileView,
} from '@jiebang/contracts';
import {
  EvidenceFileRepository,
  MonthRankingRepository,
  UnitRepository,
  type EvidenceFileEntity,
  type EvidenceStore,
} from '@jiebang/persistence';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { checkedContentType, checkedFileName } from './evidence-file-checks';

export const EVIDENCE_STORE = Symbol('EVIDENCE_STORE');

export interface ReportRef {
  cycleId: string;
  unitId: string;
  month: number;
}

export interface EvidenceUpload {
  fileName: unknown;
  contentType: string | undefined;
  content: unknown;
}

export interface EvidenceDownload {
  file: EvidenceFileView;
  content: Buffer;
}

/** Evidence files of monthly reports: checked, stored outside workflow history, listed and read back with their checksum. */
@Injectable()
export class EvidenceService {
  constructor(
    @Inject(EvidenceFileRepository) private readonly files: EvidenceFileRepository,
    @Inject(UnitRepository) private readonly units: UnitRepository,
    @Inject(MonthRankingRepository) private readonly rankings: MonthRankingRepository,
    @Inject(EVIDENCE_STORE) private readonly store: EvidenceStore,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Every check runs before a byte is stored, so a refused upload writes nothing. */
  async upload(ref: ReportRef, actor: Actor, upload: EvidenceUpload): Promise<EvidenceFileView> {
    await this.assertEditable(ref);
    const fileName = checkedFileName(upload.fileName);
    const content = Buffer.isBuffer(upload.content) ? upload.content : Buffer.alloc(0);
    if (content.length === 0) throw new ApiException('EVIDENCE_MISSING', 'The request body holds no file');
    if (content.length > EVIDENCE_MAX_BYTES) throw tooLarge();
    const contentType = checkedContentType(upload.contentType, fileName, content);
    // A first look that spares storing the bytes; the insert below counts again under the report's lock.
    admitEvidence(ref, { files: await this.files.countOf(ref), bytes: 0 }, 0);
    const id = randomUUID();
    const sha256 = createHash('sha256').update(content).digest('hex');
    // The bytes first: a crash before the row leaves an unlisted blob, never a row without its bytes.
    await this.store.put(id, content);
    const file = { id, ...ref, fileName, contentType, sizeBytes: content.length, sha256, storageKey: id };
    const saved = await this.files
      .insert(
        { ...file, uploadedBy: actor.userId },
        (manager) =>
          this.audit.record(
            {
              actor,
              action: 'evidence.uploaded',
              subject: unitSubject(ref.cycleId, ref.unitId, 'reports', ref.month),
              cycleId: ref.cycleId,
              unitId: ref.unitId,
              change: { fileId: id, fileName, contentType, sizeBytes: content.length, sha256 },
            },
            manager,
          ),
        (stored) => admitEvidence(ref, stored, content.length),
      )
      .catch(async (error: unknown) => {
        await this.store.remove(id).catch(() => undefined);
        throw error;
      });
    return evidenceFileView(saved);
  }

  /** Removes a file while the report is being written; its row and audit row go together, then its bytes. */
  async remove(ref: ReportRef, actor: Actor, fileId: string): Promise<void> {
    await this.assertEditable(ref);
    const file = await this.findFile(ref, fileId);
    await this.files.remove(file.id, (manager) =>
      this.audit.record(
        {
          actor,
          action: 'evidence.removed',
          subject: unitSubject(ref.cycleId, ref.unitId, 'reports', ref.month),
          cycleId: ref.cycleId,
          unitId: ref.unitId,
          change: { fileId: file.id, fileName: file.fileName, sha256: file.sha256 },
        },
        manager,
      ),
    );
    await this.store.remove(file.storageKey);
  }

  async list(ref: ReportRef): Promise<EvidenceFileView[]> {
    await this.findUnit(ref);
    return (await this.files.listOf(ref)).map(evidenceFileView);
  }

  /** The file and its bytes, checked against the stored checksum: altered bytes are never served. */
  async download(ref: ReportRef, fileId: string): Promise<EvidenceDownload> {
    const file = await this.findFile(ref, fileId);
    const content = await this.store.get(file.storageKey);
    if (!content || createHash('sha256').update(content).digest('hex') !== file.sha256)
      throw new ApiException('INTERNAL', `Evidence file ${fileId} is missing or damaged in the store`);
    return { file: evidenceFileView(file), content };
  }

  private async findFile(ref: ReportRef, fileId: string): Promise<EvidenceFileEntity> {
    const file = /^[0-9a-f-]{36}$/.test(fileId) ? await this.files.find(ref, fileId) : null;
    if (!file) throw new ApiException('NOT_FOUND', `No evidence file ${fileId} on this report`);
    return file;
  }

  private async assertEditable(ref: ReportRef): Promise<void> {
    await this.findUnit(ref);
    if (await this.rankings.isRanked(ref.cycleId, ref.month))
      throw new ApiException('MONTH_CLOSED', `Month ${ref.month} is closed: its ranking is frozen`);
    const report = await this.units.reportOf(ref.cycleId, ref.unitId, ref.month);
    if (!report)
      throw new ApiException('REPORT_WINDOW_NOT_OPEN', `The report for month ${ref.month} has not opened yet`);
    if (!EDITABLE_REPORT_STATUSES.includes(report.status))
      throw new ApiException(
        'REPORT_NOT_EDITABLE',
        `The report for month ${ref.month} is ${report.status}: evidence is added while it is being written`,
      );
  }

  private async findUnit({ cycleId, unitId }: ReportRef): Promise<void> {
    if (!(await this.units.findById(cycleId, unitId)))
      throw new ApiException('UNIT_NOT_FOUND', `No unit ${unitId} in cycle ${cycleId}`, undefined, {
        unit: unitId,
        cycle: cycleId,
      });
  }
}

/** Refuses a file that would take a report past EVIDENCE_MAX_FILES files or EVIDENCE_MAX_REPORT_BYTES bytes. */
function admitEvidence(ref: ReportRef, stored: { files: number; bytes: number }, adding: number): void {
  if (stored.files >= EVIDENCE_MAX_FILES)
    throw new ApiException(
      'EVIDENCE_LIMIT_REACHED',
      `The report for month ${ref.month} already has ${EVIDENCE_MAX_FILES} evidence files, the most it may carry`,
    );
  if (stored.bytes + adding > EVIDENCE_MAX_REPORT_BYTES)
    throw new ApiException(
      'EVIDENCE_LIMIT_REACHED',
      `The evidence of the report for month ${ref.month} may hold at most ${EVIDENCE_MAX_REPORT_BYTES / 1024 / 1024} MiB in all; this file would take it past that`,
    );
}

export function tooLarge(): ApiException {
  return new ApiException(
    'EVIDENCE_TOO_LARGE',
    `An evidence file may be at most ${EVIDENCE_MAX_BYTES / 1024 / 1024} MiB; split or compress it`,
  );
}

export function evidenceFileView(file: EvidenceFileEntity): EvidenceFileView {
  return {
    id: file.id,
    cycleId: file.cycleId,
    unitId: file.unitId,
    month: file.month,
    fileName: file.fileName,
    contentType: file.contentType,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
    uploadedBy: file.uploadedBy,
    uploadedAt: file.uploadedAt.toISOString(),
  };
}
