import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@jiebang/contracts';
import { BoardRepository, CaseRepository, NotificationEntity, type BulletinVersionRow } from '@jiebang/persistence';
import { AuditService } from '../audit/audit.service';
import { BoardService } from '../board/board.service';
import type { BoardView } from '@jiebang/contracts/http/board';
import { ApiException } from '../common/api-exception';
import { renderBulletinPdf, type BulletinContent } from './bulletin-pdf';
import type { BulletinParagraphsBody } from '@jiebang/contracts/http/bulletin';
import type { BulletinDraftView, BulletinVersionView } from '@jiebang/contracts/http/bulletin';
import { CASE_STATUS_LABELS, LIGHT_LABELS, RUNG_LABELS } from './bulletin-text';

/** The bulletin (通报) of a month: its paragraphs, the preview, the PDF archived when LEADERSHIP publishes. */
@Injectable()
export class BulletinService {
  constructor(
    @Inject(BoardService) private readonly board: BoardService,
    @Inject(BoardRepository) private readonly store: BoardRepository,
    @Inject(CaseRepository) private readonly cases: CaseRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async draft(cycleId: string, month: number): Promise<BulletinDraftView> {
    const draft = await this.store.findDraft(cycleId, month);
    return { cycleId, month, opening: draft?.opening ?? '', closing: draft?.closing ?? '' };
  }

  /** Keeps LEADERSHIP's paragraphs for the preview and the publication. */
  async saveDraft(
    cycleId: string,
    month: number,
    actor: Actor,
    body: BulletinParagraphsBody,
  ): Promise<BulletinDraftView> {
    // The month must be readable as a board (final or published) before its bulletin is written.
    await this.board.monthBoard(cycleId, month, actor);
    const current = await this.draft(cycleId, month);
    const next = { opening: body.opening ?? current.opening, closing: body.closing ?? current.closing };
    await this.store.saveDraft({ cycleId, month, ...next, updatedBy: actor.userId });
    return { cycleId, month, ...next };
  }

  /** The bulletin as it would be published now, with the saved paragraphs. */
  async preview(cycleId: string, month: number, actor: Actor): Promise<Buffer> {
    const board = await this.board.monthBoard(cycleId, month, actor);
    const draft = await this.draft(cycleId, month);
    return renderBulletinPdf(await this.content(board, draft), new Date());
  }

  /**
   * Produces and archives the bulletin of a month just published: the PDF, its SHA-256 and an
   * audit row in one transaction. `paragraphs` (from the publish request) replace the draft's.
   */
  async archive(
    cycleId: string,
    month: number,
    actor: Actor,
    paragraphs: BulletinParagraphsBody = {},
  ): Promise<BulletinVersionView> {
    if (paragraphs.opening !== undefined || paragraphs.closing !== undefined)
      await this.store.saveDraft({
        cycleId,
        month,
        ...(await this.mergedDraft(cycleId, month, paragraphs)),
        updatedBy: actor.userId,
      });
    const board = await this.board.monthBoard(cycleId, month, actor);
    if (board.status !== 'published')
      throw new ApiException('RANKING_NOT_FINAL', `The bulletin of month ${month} is not published yet`);
    const draft = await this.draft(cycleId, month);
    const publishedAt = new Date();
    const pdf = await renderBulletinPdf(await this.content(board, draft), publishedAt);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const row = {
      cycleId,
      month,
      rankingVersion: board.version,
      opening: draft.opening,
      closing: draft.closing,
      pdf,
      sha256,
      publishedBy: actor.userId,
    };
    const version = await this.store.archiveBulletin(row, async (manager, archived) => {
      await this.audit.record(
        {
          actor,
          role: 'LEADERSHIP',
          action: 'bulletin.archived',
          subject: `cycles/${cycleId}/months/${month}/bulletins/${archived}`,
          cycleId,
          change: { version: archived, rankingVersion: board.version, sha256, bytes: pdf.length },
        },
        manager,
      );
      // The units are told through the outbox, in the archive's transaction: a version archived is
      // announced, once (the key), and a version that failed to archive is not.
      await manager
        .createQueryBuilder()
        .insert()
        .into(NotificationEntity)
        .values({
          key: `bulletin/${cycleId}/${month}/${archived}`,
          cycleId,
          unitId: null,
          kind: 'bulletin',
          recipientRole: 'UNIT_HEAD',
          step: 'bulletin.read',
          month,
          subjectId: String(archived),
          subject: `${board.cycleName} 第 ${month} 月目标管理考核通报（第 ${archived} 版）`,
          dueAt: null,
        })
        .orIgnore()
        .execute();
    });
    const [stored] = (await this.store.listBulletins(cycleId, month)).filter((item) => item.version === version);
    return viewOf(stored!);
  }

  async list(cycleId: string, month: number): Promise<BulletinVersionView[]> {
    return (await this.store.listBulletins(cycleId, month)).map(viewOf);
  }

  async download(cycleId: string, month: number, version: number): Promise<{ pdf: Buffer; sha256: string }> {
    const bulletin = await this.store.findBulletin(cycleId, month, version);
    if (!bulletin) throw new ApiException('NOT_FOUND', `Month ${month} of cycle ${cycleId} has no bulletin ${version}`);
    return { pdf: bulletin.pdf, sha256: bulletin.sha256 };
  }

  private async mergedDraft(cycleId: string, month: number, paragraphs: BulletinParagraphsBody) {
    const current = await this.draft(cycleId, month);
    return { opening: paragraphs.opening ?? current.opening, closing: paragraphs.closing ?? current.closing };
  }

  private async content(board: BoardView, draft: BulletinDraftView): Promise<BulletinContent> {
    const names = new Map(board.categories.flatMap((category) => category.units.map((unit) => [unit.unit, unit.name])));
    const [opened, overdue] = await Promise.all([
      this.cases.ofMonth(board.cycleId, board.month),
      this.store.overdueSupervision(board.cycleId, new Date()),
    ]);
    const { lights } = board.counts;
    const flagged = board.categories.flatMap((category) =>
      category.units
        .filter((unit) => unit.lagging || unit.vetoed)
        .map(
          (unit) =>
            `${category.name}：${unit.name}（第 ${unit.rank} 名，得分 ${unit.score.toFixed(2)}${unit.vetoed ? '，一票否决' : ''}${unit.lagging ? '，落后' : ''}）`,
        ),
    );
    return {
      title: `${board.cycleName} 第 ${board.month} 月目标管理考核通报`,
      subtitle: `排名第 ${board.version} 版 · ${board.status === 'published' ? '已公布' : '预览（未公布）'}`,
      opening: draft.opening,
      closing: draft.closing,
      overview: [
        `本月参加考核单位 ${board.counts.units} 个，分 ${board.categories.length} 个类别排名。`,
        `指标亮灯：${LIGHT_LABELS.green} ${lights.green} 项，${LIGHT_LABELS.yellow} ${lights.yellow} 项，${LIGHT_LABELS.red} ${lights.red} 项。`,
        `落后单位 ${board.counts.lagging} 个，一票否决 ${board.counts.vetoed} 个；本月启动问责 ${opened.length} 件；逾期督办事项 ${overdue.length} 件。`,
      ],
      categories: board.categories.map((category) => {
        const categoryLights = { green: 0, yellow: 0, red: 0 };
        const rows = category.units.map((unit) => {
          const unitLights = { green: 0, yellow: 0, red: 0 };
          for (const indicator of unit.indicators) if (indicator.light) unitLights[indicator.light] += 1;
          categoryLights.green += unitLights.green;
          categoryLights.yellow += unitLights.yellow;
          categoryLights.red += unitLights.red;
          const note = [unit.vetoed ? '一票否决' : '', unit.lagging ? '落后' : '', unit.reported ? '' : '未报']
            .filter(Boolean)
            .join('、');
          return {
            rank: unit.rank,
            unit: unit.name,
            score: unit.score,
            movement: unit.movement,
            lights: unitLights,
            note,
          };
        });
        return { name: category.name, lights: categoryLights, rows };
      }),
      laggingAndVetoed: flagged,
      cases: opened.map(
        (item) =>
          `${names.get(item.unitId) ?? item.unitId}：${RUNG_LABELS[item.rung] ?? item.rung}（${CASE_STATUS_LABELS[item.status] ?? item.status}）`,
      ),
      overdueSupervision: overdue.map(
        (item) =>
          `${names.get(item.unitId) ?? item.unitId}：${item.title}（限期 ${item.deadline.toISOString().slice(0, 10)}）`,
      ),
    };
  }
}

function viewOf(row: BulletinVersionRow): BulletinVersionView {
  return {
    cycleId: row.cycleId,
    month: row.month,
    version: row.version,
    rankingVersion: row.rankingVersion,
    opening: row.opening,
    closing: row.closing,
    sha256: row.sha256,
    publishedBy: row.publishedBy,
    publishedAt: row.publishedAt.toISOString(),
  };
}
