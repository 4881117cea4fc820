import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@jiebang/contracts';
import { raterGroupKind } from '@jiebang/domain';
import { ratingsOf, roundRatings, roundScope } from '@jiebang/persistence';
import { ApiException } from '../common/api-exception';
import { checkSize } from '../workbooks/month-workbooks.service';
import { inWorkbookOrder } from '../workbooks/workbook-problem';
import { readPanelWorkbook, sheetNameOf, writePanelWorkbook, type PanelSheet } from './panel-workbook';
import { RatingsService } from './ratings.service';

/** What an uploaded panel workbook did. */
export interface PanelUploadResult {
  /** How many scores were stored, per member (cells left as downloaded are not counted). */
  rated: Record<string, number>;
}

/**
 * The ratings workbook of a round (评议表): its sheets per panel to download, and an assessor's
 * upload of the paper forms, stored as each member's ratings with the uploader in the trail.
 */
@Injectable()
export class PanelWorkbooksService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RatingsService) private readonly ratings: RatingsService,
  ) {}

  private async sheets(cycleId: string, month: number): Promise<PanelSheet[]> {
    const scope = await roundScope(this.dataSource.manager, cycleId, month);
    const stored = await roundRatings(this.dataSource.manager, cycleId, month);
    const sheets = new Map<string, PanelSheet>();
    for (const indicator of scope.indicators)
      for (const { group } of indicator.raters) {
        const kind = raterGroupKind(group);
        if (kind?.kind !== 'panel') continue;
        let sheet = sheets.get(kind.panel);
        if (!sheet)
          sheets.set(
            kind.panel,
            (sheet = { panel: kind.panel, members: [...(scope.panels[kind.panel] ?? [])], rows: [] }),
          );
        sheet.rows.push({
          unitId: indicator.unitId,
          unitName: indicator.unitName,
          indicatorId: indicator.indicatorId,
          indicatorName: indicator.indicatorName,
          scores: ratingsOf(indicator.indicatorId, stored)[group] ?? {},
        });
      }
    if (sheets.size === 0) throw new ApiException('NOT_FOUND', `No panel rates in month ${month} of cycle ${cycleId}`);
    return [...sheets.values()];
  }

  async download(cycleId: string, month: number): Promise<{ name: string; content: Buffer }> {
    const sheets = await this.sheets(cycleId, month);
    return {
      name: `${month}月-评议表.xlsx`,
      content: await writePanelWorkbook(sheets, `第${month}月评议表`),
    };
  }

  /**
   * Checks every cell first; a clean workbook is stored in one transaction, each member's scores
   * as that member's (the rules seat them in their panel), the uploader named in each audit row.
   * Any problem, or any member's refusal (their ratings submitted, the round closed): nothing stored.
   */
  async upload(actor: Actor, cycleId: string, month: number, content: Buffer): Promise<PanelUploadResult> {
    checkSize(content);
    const sheets = await this.sheets(cycleId, month);
    const { scores, problems } = await readPanelWorkbook(content, sheets);
    if (problems.length > 0)
      throw new ApiException(
        'WORKBOOK_INVALID',
        `The workbook has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was stored`,
        inWorkbookOrder(
          problems,
          sheets.map(({ panel }) => sheetNameOf(panel)),
        ),
      );
    // The download is filled with the stored scores: a cell left as it was is no new rating.
    const stored = new Map(
      sheets.flatMap(({ panel, rows }) =>
        rows.flatMap(({ indicatorId, scores: given }) =>
          Object.entries(given).map(([member, score]) => [`${panel}\n${indicatorId}\n${member}`, score] as const),
        ),
      ),
    );
    const byMember = new Map<string, Array<{ indicatorId: string; score: number }>>();
    for (const { panel, member, indicatorId, score } of scores) {
      if (stored.get(`${panel}\n${indicatorId}\n${member}`) === score) continue;
      let list = byMember.get(member);
      if (!list) byMember.set(member, (list = []));
      list.push({ indicatorId, score });
    }
    const rated: Record<string, number> = {};
    await this.dataSource.transaction(async (manager) => {
      for (const [member, entries] of byMember) {
        await this.ratings.storeIn(manager, cycleId, month, { userId: member, roles: ['RATER'] }, entries, {
          actor,
          via: 'workbook',
        });
        rated[member] = entries.length;
      }
    });
    return { rated };
  }
}
