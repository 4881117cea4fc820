import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor, PublicLinksSettingView } from '@jiebang/contracts';
import { BoardRepository } from '@jiebang/persistence';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { BoardService } from './board.service';
import type { BoardLinkCreatedView, BoardLinksView, PublicBoardView } from '@jiebang/contracts/http/board';

/** What a public link reads as: nobody's roles, so only a published ranking is visible to it. */
const PUBLIC_READER: Actor = { userId: 'public-link', roles: [] };
/** b and 32 characters of base64url (24 random bytes). */
const TOKEN_PATTERN = /^b[A-Za-z0-9_-]{32}$/;

const digestOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Public read-only links to a published month's board (上墙公示 beyond the office): a random
 * token whose SHA-256 alone is stored, revocable at once.
 */
@Injectable()
export class BoardLinksService {
  constructor(
    @Inject(BoardService) private readonly board: BoardService,
    @Inject(BoardRepository) private readonly store: BoardRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async create(cycleId: string, month: number, actor: Actor): Promise<BoardLinkCreatedView> {
    if (!(await this.store.publicLinksSetting()).enabled)
      throw new ApiException(
        'PUBLIC_LINKS_OFF',
        'Public board links are switched off for the district (PUT /settings/public-board-links)',
        undefined,
        { cycle: cycleId, month },
      );
    await this.publishedBoard(cycleId, month);
    // A path parameter must begin with a letter or digit, and base64url may begin with - or _.
    const token = `b${randomBytes(24).toString('base64url')}`;
    await this.store.addLink({ tokenSha256: digestOf(token), cycleId, month, createdBy: actor.userId });
    await this.audit.record({
      actor,
      role: actor.roles.includes('LEADERSHIP') ? 'LEADERSHIP' : 'ASSESSOR',
      action: 'board.link.created',
      subject: `cycles/${cycleId}/months/${month}/board`,
      cycleId,
      change: { tokenSha256: digestOf(token) },
    });
    return { token, path: `/public/board/${token}` };
  }

  async list(cycleId: string, month: number): Promise<BoardLinksView> {
    const links = await this.store.activeLinks(cycleId, month);
    return { links: links.map((link) => ({ createdBy: link.createdBy, createdAt: link.createdAt.toISOString() })) };
  }

  async revoke(cycleId: string, month: number, actor: Actor): Promise<{ revoked: number }> {
    const revoked = await this.store.revokeLinks(cycleId, month);
    if (revoked > 0)
      await this.audit.record({
        actor,
        role: actor.roles.includes('LEADERSHIP') ? 'LEADERSHIP' : 'ASSESSOR',
        action: 'board.link.revoked',
        subject: `cycles/${cycleId}/months/${month}/board`,
        cycleId,
        change: { revoked },
      });
    return { revoked };
  }

  async setting(): Promise<PublicLinksSettingView> {
    const { enabled, updatedBy, updatedAt } = await this.store.publicLinksSetting();
    return { enabled, updatedBy, updatedAt: updatedAt?.toISOString() ?? null };
  }

  /**
   * The district's switch: off revokes every open link of every month at once (they answer 404
   * from then on, and switching on again does not bring them back) and refuses new ones; on lets
   * assessors and LEADERSHIP make links again. Audited as `board.links.switched`.
   */
  async switch(enabled: boolean, actor: Actor): Promise<PublicLinksSettingView> {
    const revoked = await this.store.switchPublicLinks(enabled, actor.userId, (manager, count) =>
      this.audit.record(
        {
          actor,
          role: actor.roles.includes('LEADERSHIP') ? 'LEADERSHIP' : 'ADMIN',
          action: 'board.links.switched',
          subject: 'settings/public-board-links',
          change: { enabled, revoked: count },
        },
        manager,
      ),
    );
    return { ...(await this.setting()), revoked };
  }

  /** The board behind a public link: unit names and figures, nothing else. */
  async open(token: string): Promise<PublicBoardView> {
    const link = TOKEN_PATTERN.test(token) ? await this.store.findActiveLink(digestOf(token)) : null;
    if (!link) throw new ApiException('NOT_FOUND', 'No such board link, or it was revoked');
    const board = await this.publishedBoard(link.cycleId, link.month);
    return {
      cycleName: board.cycleName,
      month: board.month,
      publishedAt: board.publishedAt,
      categories: board.categories.map((category) => ({
        name: category.name,
        units: category.units.map((unit) => ({
          name: unit.name,
          rank: unit.rank,
          score: unit.score,
          movement: unit.movement,
          lagging: unit.lagging,
          vetoed: unit.vetoed,
          indicators: unit.indicators.map((row) => ({
            name: row.name,
            light: row.light,
            planPercent: row.planPercent,
          })),
        })),
      })),
    };
  }

  private async publishedBoard(cycleId: string, month: number) {
    try {
      return await this.board.monthBoard(cycleId, month, PUBLIC_READER);
    } catch (error) {
      if (error instanceof ApiException && error.code === 'NOT_FOUND')
        throw new ApiException(
          'RANKING_NOT_FINAL',
          `Month ${month} is not published: only a published month has a public link`,
        );
      throw error;
    }
  }
}
