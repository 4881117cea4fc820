import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EvidenceFileEntity } from '../entities';

/** One unit's report of one month. */
export interface EvidenceReportKey {
  cycleId: string;
  unitId: string;
  month: number;
}

/** The metadata of evidence files (their bytes are in an EvidenceStore). */
@Injectable()
export class EvidenceFileRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** A report's files, oldest first. */
  listOf(report: EvidenceReportKey): Promise<EvidenceFileEntity[]> {
    return this.dataSource
      .getRepository(EvidenceFileEntity)
      .find({ where: { ...report }, order: { uploadedAt: 'ASC', id: 'ASC' } });
  }

  countOf(report: EvidenceReportKey): Promise<number> {
    return this.dataSource.getRepository(EvidenceFileEntity).countBy({ ...report });
  }

  find(report: EvidenceReportKey, id: string): Promise<EvidenceFileEntity | null> {
    return this.dataSource.getRepository(EvidenceFileEntity).findOneBy({ ...report, id });
  }

  /**
   * Stores a file's row; `withinTransaction` (its audit row) commits with it. `admit` sees the
   * report's files and bytes so far and throws to refuse: it runs under a lock on the report held
   * until the commit, so parallel uploads are counted one after another and a limit holds.
   */
  insert(
    file: Omit<EvidenceFileEntity, 'uploadedAt'>,
    withinTransaction: (manager: EntityManager) => Promise<void>,
    admit: (stored: { files: number; bytes: number }) => void = () => undefined,
  ): Promise<EvidenceFileEntity> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `evidence/${file.cycleId}/${file.unitId}/${file.month}`,
      ]);
      const [totals] = (await manager.query(
        `SELECT count(*)::int AS files, coalesce(sum(size_bytes), 0)::bigint AS bytes
           FROM evidence_files WHERE cycle_id = $1 AND unit_id = $2 AND month = $3`,
        [file.cycleId, file.unitId, file.month],
      )) as Array<{ files: number; bytes: string }>;
      admit({ files: totals.files, bytes: Number(totals.bytes) });
      const stored = await manager.save(EvidenceFileEntity, file);
      await withinTransaction(manager);
      return stored;
    });
  }

  /** Deletes a file's row; `withinTransaction` (its audit row) commits with it. */
  remove(id: string, withinTransaction: (manager: EntityManager) => Promise<void>): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await manager.delete(EvidenceFileEntity, { id });
      await withinTransaction(manager);
    });
  }
}
