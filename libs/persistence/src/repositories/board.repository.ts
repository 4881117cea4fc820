import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, IsNull, LessThanOrEqual } from 'typeorm';
import type { ReportValues } from '@jiebang/contracts';
import {
  BoardLinkEntity,
  BulletinDraftEntity,
  BulletinVersionEntity,
  MonthRankingEntity,
  MonthScoreEntity,
  ReportEntity,
  SupervisionItemEntity,
} from '../entities';

/** A ranking version as the board lists it (without the rules' running state). */
export type RankingVersionRow = Pick<
  MonthRankingEntity,
  'month' | 'version' | 'status' | 'publishedBy' | 'publishedAt' | 'createdAt' | 'cases'
>;

/** A published bulletin without its bytes. */
export type BulletinVersionRow = Omit<BulletinVersionEntity, 'pdf'>;

/** What the board (挂图作战) and the bulletin (通报) read: rankings over the months, actuals, archived bulletins. */
@Injectable()
export class BoardRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Every ranking version of months 1..`month`, month by month, newest version first. */
  rankingVersions(cycleId: string, month: number): Promise<RankingVersionRow[]> {
    return this.dataSource.getRepository(MonthRankingEntity).find({
      where: { cycleId, month: LessThanOrEqual(month) },
      select: {
        month: true,
        version: true,
        status: true,
        publishedBy: true,
        publishedAt: true,
        createdAt: true,
        cases: true,
      },
      order: { month: 'ASC', version: 'DESC' },
    });
  }

  /** The scores of the given versions, one per month. */
  async scoresOf(
    cycleId: string,
    versions: ReadonlyArray<{ month: number; version: number }>,
  ): Promise<MonthScoreEntity[]> {
    if (versions.length === 0) return [];
    return this.dataSource.getRepository(MonthScoreEntity).find({
      where: versions.map(({ month, version }) => ({ cycleId, month, version })),
      order: { month: 'ASC', categoryId: 'ASC', rank: 'ASC', unitId: 'ASC' },
    });
  }

  /** The approved reports' cumulative actuals of the given months, by month and unit. */
  async approvedValues(cycleId: string, months: readonly number[]): Promise<Map<number, Map<string, ReportValues>>> {
    const rows = await this.dataSource.getRepository(ReportEntity).find({
      where: { cycleId, month: In([...months]), status: 'approved' },
      select: { month: true, unitId: true, values: true, ratings: true },
    });
    const byMonth = new Map<number, Map<string, ReportValues>>();
    for (const row of rows) {
      const units = byMonth.get(row.month) ?? new Map<string, ReportValues>();
      units.set(row.unitId, { ...(row.values ?? {}), ...row.ratings });
      byMonth.set(row.month, units);
    }
    return byMonth;
  }

  /** The cycle's supervision items past their deadline and not closed, as of `now`. */
  overdueSupervision(cycleId: string, now: Date): Promise<SupervisionItemEntity[]> {
    return this.dataSource
      .getRepository(SupervisionItemEntity)
      .createQueryBuilder('item')
      .where('item.cycle_id = :cycleId', { cycleId })
      .andWhere("item.status <> 'closed'")
      .andWhere('(item.overdue OR item.deadline < :now)', { now })
      .orderBy('item.deadline', 'ASC')
      .addOrderBy('item.id', 'ASC')
      .getMany();
  }

  findDraft(cycleId: string, month: number): Promise<BulletinDraftEntity | null> {
    return this.dataSource.getRepository(BulletinDraftEntity).findOneBy({ cycleId, month });
  }

  async saveDraft(
    draft: Pick<BulletinDraftEntity, 'cycleId' | 'month' | 'opening' | 'closing' | 'updatedBy'>,
  ): Promise<void> {
    await this.dataSource.getRepository(BulletinDraftEntity).upsert(draft, ['cycleId', 'month']);
  }

  /** The month's published bulletins, oldest first, without their bytes. */
  listBulletins(cycleId: string, month: number): Promise<BulletinVersionRow[]> {
    return this.dataSource.getRepository(BulletinVersionEntity).find({
      where: { cycleId, month },
      select: {
        cycleId: true,
        month: true,
        version: true,
        rankingVersion: true,
        opening: true,
        closing: true,
        sha256: true,
        publishedBy: true,
        publishedAt: true,
      },
      order: { version: 'ASC' },
    });
  }

  /**
   * Archives a published bulletin as the month's next version and runs `withinTransaction` (its
   * audit row) in the same transaction. Versions of a month are serialised by a row lock on its ranking.
   */
  archiveBulletin(
    row: Omit<BulletinVersionEntity, 'version' | 'publishedAt'>,
    withinTransaction: (manager: EntityManager, version: number) => Promise<void>,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM month_rankings WHERE cycle_id = $1 AND month = $2 FOR UPDATE', [
        row.cycleId,
        row.month,
      ]);
      const [last] = (await manager.query(
        'SELECT coalesce(max(version), 0) AS last FROM bulletin_versions WHERE cycle_id = $1 AND month = $2',
        [row.cycleId, row.month],
      )) as Array<{ last: number }>;
      const version = Number(last?.last ?? 0) + 1;
      await manager.getRepository(BulletinVersionEntity).insert({ ...row, version });
      await withinTransaction(manager, version);
      return version;
    });
  }

  findBulletin(cycleId: string, month: number, version: number): Promise<BulletinVersionEntity | null> {
    return this.dataSource.getRepository(BulletinVersionEntity).findOneBy({ cycleId, month, version });
  }

  async addLink(link: Pick<BoardLinkEntity, 'tokenSha256' | 'cycleId' | 'month' | 'createdBy'>): Promise<void> {
    await this.dataSource.getRepository(BoardLinkEntity).insert(link);
  }

  /** The month's links not revoked, newest first. */
  activeLinks(cycleId: string, month: number): Promise<BoardLinkEntity[]> {
    return this.dataSource.getRepository(BoardLinkEntity).find({
      where: { cycleId, month, revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
  }

  /** Revokes every link of the month; answers how many were still open. */
  async revokeLinks(cycleId: string, month: number): Promise<number> {
    const result = await this.dataSource
      .getRepository(BoardLinkEntity)
      .update({ cycleId, month, revokedAt: IsNull() }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }

  /** Whether public board links are on for the district, and who last switched them (on until someone does). */
  async publicLinksSetting(): Promise<{ enabled: boolean; updatedBy: string | null; updatedAt: Date | null }> {
    const [row] = (await this.dataSource.query(
      `SELECT value, updated_by, updated_at FROM district_settings WHERE key = 'publicBoardLinks'`,
    )) as Array<{ value: { enabled?: unknown }; updated_by: string; updated_at: Date }>;
    if (!row) return { enabled: true, updatedBy: null, updatedAt: null };
    return { enabled: row.value.enabled !== false, updatedBy: row.updated_by, updatedAt: row.updated_at };
  }

  /**
   * Switches public board links on or off for the district; switching off revokes every open link
   * of every month in the same transaction (`within`, its audit row, commits with it). Answers
   * how many were revoked.
   */
  switchPublicLinks(
    enabled: boolean,
    updatedBy: string,
    within: (manager: EntityManager, revoked: number) => Promise<void>,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO district_settings (key, value, updated_by) VALUES ('publicBoardLinks', $1::jsonb, $2)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [JSON.stringify({ enabled }), updatedBy],
      );
      const revoked = enabled
        ? 0
        : ((await manager.getRepository(BoardLinkEntity).update({ revokedAt: IsNull() }, { revokedAt: new Date() }))
            .affected ?? 0);
      await within(manager, revoked);
      return revoked;
    });
  }

  /** The link with this token digest, if it is not revoked. */
  findActiveLink(tokenSha256: string): Promise<BoardLinkEntity | null> {
    return this.dataSource.getRepository(BoardLinkEntity).findOneBy({ tokenSha256, revokedAt: IsNull() });
  }
}
