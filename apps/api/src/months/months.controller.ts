import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Actor, CycleStatus, MonthCloseState } from '@jiebang/contracts';
import { CurrentActor, Roles, SignedIn, requireUnitRole } from '../common/actor';
import { ApiZodBody, zodPipe } from '../common/zod-body';
import { monthParam } from '@jiebang/contracts/http/reports';
import {
  bulletinParagraphsBody,
  optionalParagraphsBody,
  type BulletinParagraphsBody,
} from '@jiebang/contracts/http/bulletin';
import { MonthRankingView } from '@jiebang/contracts/http/months';
import {
  decideAppealBody,
  fileAppealBody,
  rankingVersionQuery,
  type DecideAppealBody,
  type FileAppealBody,
} from '@jiebang/contracts/http/months';
import { MonthsService, type PublishedMonth } from './months.service';
import { monthRankingView } from '@jiebang/contracts/http/months';
import { zodResponse } from '../common/openapi-schemas';

@ApiTags('months')
@Controller('cycles/:cycleId/months')
export class MonthsController {
  constructor(@Inject(MonthsService) private readonly months: MonthsService) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary:
      "Where each month of the cycle stands (live from the cycle workflow); unit people see their own unit's appeals only",
  })
  status(@Param('cycleId') cycleId: string, @CurrentActor() actor: Actor): Promise<CycleStatus> {
    return this.months.status(cycleId, actor);
  }

  @Post(':month/close')
  @HttpCode(200)
  @Roles('ASSESSOR')
  @ApiOperation({
    summary:
      'Close the month now instead of waiting for reports still due (they count as missed). Refused with 409 REVIEWS_PENDING, naming them, while a report that reached the assessors waits for review or a returned one may still come back. Roles: ASSESSOR',
  })
  close(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
  ): Promise<MonthCloseState> {
    return this.months.closeNow(cycleId, month, actor);
  }

  @Get(':month/ranking')
  @SignedIn()
  @ApiOperation({ summary: 'The frozen ranking of a month: the latest version, or ?version=n' })
  @ApiQuery({ name: 'version', required: false, type: Number })
  @ApiOkResponse(zodResponse('MonthRankingView', monthRankingView))
  ranking(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @Query('version', zodPipe(rankingVersionQuery)) version?: number,
  ): Promise<MonthRankingView> {
    return this.months.ranking(cycleId, month, version);
  }

  @Post(':month/appeals')
  @HttpCode(200)
  @Roles('UNIT_HEAD', 'UNIT_REPORTER')
  @ApiOperation({
    summary:
      "Appeal the month's provisional ranking within the appeal window. Roles: UNIT_HEAD or UNIT_REPORTER of the unit",
  })
  @ApiZodBody(fileAppealBody)
  fileAppeal(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
    @Body(zodPipe(fileAppealBody)) body: FileAppealBody,
  ): Promise<MonthCloseState> {
    requireUnitRole(actor, ['UNIT_HEAD', 'UNIT_REPORTER'], body.unitId);
    return this.months.fileAppeal(cycleId, month, actor, body);
  }

  @Post(':month/appeals/:unitId/decision')
  @HttpCode(200)
  @Roles('ASSESSOR')
  @ApiOperation({
    summary: 'Uphold an appeal, or correct the values (the category is re-ranked as a new version). Roles: ASSESSOR',
  })
  @ApiZodBody(decideAppealBody)
  decideAppeal(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @Param('unitId') unitId: string,
    @CurrentActor() actor: Actor,
    @Body(zodPipe(decideAppealBody)) body: DecideAppealBody,
  ): Promise<MonthCloseState> {
    return this.months.decideAppeal(cycleId, month, unitId, actor, body);
  }

  @Post(':month/bulletin')
  @HttpCode(200)
  @Roles('LEADERSHIP')
  @ApiOperation({
    summary:
      "Publish the month's bulletin once the ranking is final: the ranking becomes public and the bulletin PDF is produced and archived (with the opening and closing paragraphs given here, or else the saved draft's). Roles: LEADERSHIP",
  })
  @ApiZodBody(bulletinParagraphsBody)
  publish(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
    @Body(zodPipe(optionalParagraphsBody)) body: BulletinParagraphsBody,
  ): Promise<PublishedMonth> {
    return this.months.publish(cycleId, month, actor, body);
  }
}
