import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import { RATING_LINK_TOKEN, type Actor, type RatingLinksRequest } from '@jiebang/contracts';
import { raterGroupKind } from '@jiebang/domain';
import { roundScope } from '@jiebang/persistence';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import type { LinkRoundView, MyRatingView, RatingLinkView, RatingRoundView } from '@jiebang/contracts/http/ratings';
import { RatingsService, type ScoreEntry } from './ratings.service';

/** The key links are signed with (an HMAC of the server's token secret; see RatingsModule). */
export const RATING_LINK_KEY = Symbol('RATING_LINK_KEY');

/** One personal link, as created: its address is shown this once (only its SHA-256 is stored). */
export interface RatingLinkCreated {
  linkId: string;
  panel: string;
  member: string;
  token: string;
  /** The console's page of the link, relative to the console's address. */
  path: string;
}

interface LinkRow {
  id: string;
  cycle_id: string;
  month: number;
  panel: string;
  member: string;
  token_sha256: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
}

const digestOf = (token: string) => createHash('sha256').update(token).digest('hex');
const subjectOf = (cycleId: string, month: number) => `cycles/${cycleId}/rating-rounds/${month}`;
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Personal single-round links for panel members (巡察组, 群众代表) who rate without an account:
 * a link id and its HMAC with a server key, stored as a SHA-256, bound to one member and one
 * round, revocable; it rates as that member until the member submits, then refuses.
 */
@Injectable()
export class RatingLinksService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(RatingsService) private readonly ratings: RatingsService,
    @Inject(RATING_LINK_KEY) private readonly key: Buffer,
  ) {}

  private sign(id: string, cycleId: string, month: number, member: string): string {
    const idPart = Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url');
    const mac = createHmac('sha256', this.key).update(`${id}\n${cycleId}\n${month}\n${member}`).digest('base64url');
    return `r${idPart}.${mac}`;
  }

  /**
   * Issues a link per member of the panel (or of every panel rated in the month), replacing a
   * member's earlier link (revoked). Refused: a panel not rated that month, a member not in it.
   */
  async create(
    actor: Actor,
    cycleId: string,
    month: number,
    request: RatingLinksRequest,
  ): Promise<RatingLinkCreated[]> {
    const scope = await roundScope(this.dataSource.manager, cycleId, month);
    if (scope.indicators.length === 0)
      throw new ApiException('NOT_FOUND', `Nothing is rated by many in month ${month} of cycle ${cycleId}`);
    const panels = [
      ...new Set(
        scope.indicators.flatMap((indicator) =>
          indicator.raters.flatMap(({ group }) => {
            const kind = raterGroupKind(group);
            return kind?.kind === 'panel' ? [kind.panel] : [];
          }),
        ),
      ),
    ];
    if (request.panel !== undefined && !panels.includes(request.panel))
      throw new ApiException(
        'VALIDATION_FAILED',
        `panel "${request.panel}" rates nothing in month ${month}; panels of the month: ${panels.join(', ') || 'none'}`,
      );
    const chosen = request.panel !== undefined ? [request.panel] : panels;
    const seats = chosen.flatMap((panel) => (scope.panels[panel] ?? []).map((member) => ({ panel, member })));
    if (request.members) {
      const unknown = request.members.filter((member) => !seats.some((seat) => seat.member === member));
      if (unknown.length > 0)
        throw new ApiException(
          'VALIDATION_FAILED',
          `${unknown.join(', ')}: not a member of ${chosen.map((panel) => `panel ${panel}`).join(' or ')}`,
        );
    }
    const wanted = request.members ? seats.filter((seat) => request.members!.includes(seat.member)) : seats;
    return this.dataSource.transaction(async (manager) => {
      const created: RatingLinkCreated[] = [];
      for (const { panel, member } of wanted) {
        await manager.query(
          `UPDATE rating_links SET revoked_at = now(), revoked_by = $4
            WHERE cycle_id = $1 AND month = $2 AND member = $3 AND revoked_at IS NULL`,
          [cycleId, month, member, actor.userId],
        );
        const linkId = randomUUID();
        const token = this.sign(linkId, cycleId, month, member);
        await manager.query(
          `INSERT INTO rating_links (id, cycle_id, month, panel, member, token_sha256, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [linkId, cycleId, month, panel, member, digestOf(token), actor.userId],
        );
        created.push({
          linkId,
          panel,
          member,
          token,
          path: `/rate/${encodeURIComponent(cycleId)}/${month}/${token}`,
        });
      }
      await this.audit.record(
        {
          actor,
          action: 'rating_link.created',
          subject: subjectOf(cycleId, month),
          cycleId,
          change: { links: created.map(({ linkId, panel, member }) => ({ linkId, panel, member })) },
        },
        manager,
      );
      return created;
    });
  }

  /** The round's links: whose, by whom, revoked or not, submitted or not; never a token. */
  async list(cycleId: string, month: number): Promise<RatingLinkView[]> {
    const rows = (await this.dataSource.query(
      `SELECT l.*, s.submitted_at FROM rating_links l
         LEFT JOIN rating_submissions s ON s.cycle_id = l.cycle_id AND s.month = l.month AND s.rater = l.member
        WHERE l.cycle_id = $1 AND l.month = $2 ORDER BY l.panel, l.member, l.created_at`,
      [cycleId, month],
    )) as Array<LinkRow & { submitted_at: Date | null }>;
    return rows.map((row) => ({
      linkId: row.id,
      panel: row.panel,
      member: row.member,
      createdBy: row.created_by,
      createdAt: row.created_at.toISOString(),
      revokedAt: row.revoked_at?.toISOString() ?? null,
      submittedAt: row.submitted_at?.toISOString() ?? null,
    }));
  }

  /** Revokes a link at once: opening it answers 410 RATING_LINK_REVOKED from then on. */
  async revoke(actor: Actor, cycleId: string, month: number, linkId: string): Promise<RatingLinkView> {
    const revoked = (await this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `UPDATE rating_links SET revoked_at = COALESCE(revoked_at, now()), revoked_by = COALESCE(revoked_by, $4)
          WHERE id::text = $1 AND cycle_id = $2 AND month = $3 RETURNING id`,
        [linkId, cycleId, month, actor.userId],
      )) as [unknown[], number];
      if (rows[1] === 0) throw new ApiException('NOT_FOUND', `No rating link ${linkId} in month ${month}`);
      await this.audit.record(
        { actor, action: 'rating_link.revoked', subject: subjectOf(cycleId, month), cycleId, change: { linkId } },
        manager,
      );
      return true;
    })) as boolean;
    const view = (await this.list(cycleId, month)).find((link) => link.linkId === linkId);
    if (!revoked || !view) throw new ApiException('NOT_FOUND', `No rating link ${linkId} in month ${month}`);
    return view;
  }

  /** A printable sheet (A4, six to a page): each member's name, panel and the QR code of their link. */
  async sheet(
    actor: Actor,
    cycleId: string,
    month: number,
    request: RatingLinksRequest,
    base: string,
  ): Promise<string> {
    const links = await this.create(actor, cycleId, month, request);
    const [cycle] = (await this.dataSource.query('SELECT name FROM cycles WHERE id = $1', [cycleId])) as Array<{
      name: string;
    }>;
    const names = new Map(
      (
        (await this.dataSource.query('SELECT id, display_name FROM users WHERE id = ANY($1)', [
          links.map((link) => link.member),
        ])) as Array<{ id: string; display_name: string }>
      ).map((row) => [row.id, row.display_name]),
    );
    const cards = await Promise.all(
      links.map(async (link) => {
        const url = `${base}${link.path}`;
        const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
        const name = names.get(link.member);
        return `<section class="card" data-member="${escapeHtml(link.member)}">
  <h2>${escapeHtml(name ? `${name}（${link.member}）` : link.member)}</h2>
  <p>${escapeHtml(link.panel)} · 第${month}月评议</p>
  <div class="qr" role="img" aria-label="${escapeHtml(link.member)} 的评议二维码">${svg}</div>
  <p class="url">${escapeHtml(url)}</p>
  <p class="note">本人专用，仅限本轮评议，提交后失效。请勿转交他人。</p>
</section>`;
      }),
    );
    const title = `${cycle?.name ?? cycleId} · 第${month}月评议 · 评议二维码`;
    return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
  @page { size: A4; margin: 12mm; }
  body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", sans-serif; margin: 0; }
  h1 { font-size: 16pt; margin: 0 0 8mm; }
  .sheet { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
  .card { border: 1px dashed #555; padding: 4mm; break-inside: avoid; text-align: center; }
  .card h2 { font-size: 13pt; margin: 0 0 2mm; }
  .card p { margin: 1mm 0; font-size: 10pt; }
  .qr svg { width: 45mm; height: 45mm; }
  .url { font-family: monospace; font-size: 6pt; word-break: break-all; color: #333; }
  .note { color: #000; }
</style></head>
<body><h1>${escapeHtml(title)}</h1><main class="sheet">
${cards.join('\n')}
</main></body></html>`;
  }

  /**
   * The link behind a token, for the round named in the address: 404 when no such link (or a
   * forged one), 410 when revoked, 403 when it is another round's.
   */
  private async linkOf(token: string, cycleId: string, month: number): Promise<LinkRow> {
    if (!RATING_LINK_TOKEN.test(token)) throw new ApiException('RATING_LINK_UNKNOWN', 'No such rating link');
    const [row] = (await this.dataSource.query('SELECT * FROM rating_links WHERE token_sha256 = $1', [
      digestOf(token),
    ])) as LinkRow[];
    const expected = row ? this.sign(row.id, row.cycle_id, row.month, row.member) : null;
    if (!row || !expected || !timingSafeEqual(Buffer.from(expected), Buffer.from(token.padEnd(expected.length))))
      throw new ApiException('RATING_LINK_UNKNOWN', 'No such rating link');
    if (row.revoked_at)
      throw new ApiException('RATING_LINK_REVOKED', `This rating link was revoked at ${row.revoked_at.toISOString()}`);
    if (row.cycle_id !== cycleId || row.month !== month)
      throw new ApiException(
        'RATING_LINK_OTHER_ROUND',
        `This rating link is for another round, not month ${month} of ${cycleId}`,
      );
    return row;
  }

  private async spent(row: LinkRow): Promise<void> {
    const [submitted] = (await this.dataSource.query(
      'SELECT submitted_at FROM rating_submissions WHERE cycle_id = $1 AND month = $2 AND rater = $3',
      [row.cycle_id, row.month, row.member],
    )) as Array<{ submitted_at: Date }>;
    if (submitted)
      throw new ApiException(
        'RATING_SUBMITTED',
        `The ratings of this link were submitted at ${submitted.submitted_at.toISOString()}: the link is used up`,
      );
  }

  private static personOf(row: LinkRow) {
    return { userId: row.member, roles: ['RATER' as const] };
  }

  private static actorOf(row: LinkRow): Actor {
    return { userId: row.member, roles: ['RATER'] };
  }

  async open(token: string, cycleId: string, month: number): Promise<LinkRoundView> {
    const row = await this.linkOf(token, cycleId, month);
    await this.spent(row);
    const view: RatingRoundView = await this.ratings.round(RatingLinksService.personOf(row), cycleId, month);
    const [cycle] = (await this.dataSource.query('SELECT name FROM cycles WHERE id = $1', [cycleId])) as Array<{
      name: string;
    }>;
    return {
      cycleId,
      cycleName: cycle?.name ?? cycleId,
      month,
      panel: row.panel,
      member: row.member,
      status: view.status,
      closesAt: view.closesAt,
      submittedAt: view.submittedAt,
      mine: view.mine,
    };
  }

  async rate(token: string, cycleId: string, month: number, body: unknown): Promise<MyRatingView> {
    const row = await this.linkOf(token, cycleId, month);
    const { indicatorId, score } = (body ?? {}) as { indicatorId?: unknown; score?: unknown };
    const [stored] = await this.ratings.store(
      cycleId,
      month,
      RatingLinksService.personOf(row),
      [{ indicatorId, score } as ScoreEntry],
      { actor: RatingLinksService.actorOf(row), via: 'link', linkId: row.id },
    );
    return stored;
  }

  async submit(token: string, cycleId: string, month: number): Promise<LinkRoundView> {
    const row = await this.linkOf(token, cycleId, month);
    await this.ratings.submit(RatingLinksService.personOf(row), cycleId, month, {
      actor: RatingLinksService.actorOf(row),
      via: 'link',
      linkId: row.id,
    });
    const view = await this.ratings.round(RatingLinksService.personOf(row), cycleId, month);
    return {
      cycleId,
      cycleName: cycleId,
      month,
      panel: row.panel,
      member: row.member,
      status: view.status,
      closesAt: view.closesAt,
      submittedAt: view.submittedAt,
      mine: view.mine,
    };
  }
}
