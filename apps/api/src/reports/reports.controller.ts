import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor, MonthReport, ReportRecordView, SavedDraftView } from '@jiebang/contracts';
import { CurrentActor, Roles, SignedIn, requireUnitRole } from '../common/actor';
import { requireSightOfUnit } from '../common/unit-scope';
import { ApiZodBody, zodPipe } from '../common/zod-body';
import {
  confirmReportBody,
  decideExtensionBody,
  monthParam,
  rateIndicatorBody,
  requestExtensionBody,
  reportRecordView,
  reviewReportBody,
  saveReportBody,
  type ConfirmReportBody,
  type DecideExtensionBody,
  type RateIndicatorBody,
  type RequestExtensionBody,
  type ReviewReportBody,
  type SaveReportBody,
} from '@jiebang/contracts/http/reports';
import { ReportsService } from './reports.service';
import { zodResponse } from '../common/openapi-schemas';

@ApiTags('reports')
@Controller('cycles/:cycleId/units/:unitId/reports/:month')
export class ReportsController {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary:
      "A unit's report of a month as stored (drafts included), with its texts and evidence files. Unit people see their own unit only",
  })
  @ApiOkResponse(zodResponse('ReportRecordView', reportRecordView, 'The stored report'))
  get(
    @Param('cycleId') cycleId: string,
    @Param('unitId') unitId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
  ): Promise<ReportRecordView> {
    requireSightOfUnit(actor, cycleId, unitId);
    return this.reports.get({ cycleId, unitId, month });
  }

  @Put()
  @Roles('UNIT_REPORTER', 'UNIT_HEAD')
  @ApiOperation({
    summary:
      'Save (draft) or submit the monthly report. A draft answers with the stored report (saved straight to it), a submission with the report as the workflow holds it. Roles: UNIT_REPORTER or UNIT_HEAD of this unit',
  })
  @ApiZodBody(saveReportBody)
  save(
    @Param('cycleId') cycleId: string,
    @Param('unitId') unitId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
    @Body(zodPipe(saveReportBody)) body: SaveReportBody,
  ): Promise<MonthReport | SavedDraftView> {
    requireUnitRole(actor, ['UNIT_REPORTER', 'UNIT_HEAD'], unitId);
    return this.reports.save({ cycleId, unitId, month }, actor, body);
  }

  @Post('confirmation')
  @HttpCode(200)
  @Roles('UNIT_HEAD')
  @ApiOperation({
    summary:
      'Confirm a submitted report (it reaches the assessors; on time when confirmed by its deadline) or send it back to the reporter with a comment. Roles: UNIT_HEAD of this unit',
  })
  @ApiZodBody(confirmReportBody)
  confirm(
    @Param('cycleId') cycleId: string,
    @Param('unitId') unitId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
    @Body(zodPipe(confirmReportBody)) body: ConfirmReportBody,
  ): Promise<MonthReport> {
    requireUnitRole(actor, 'UNIT_HEAD', unitId);
    return this.reports.confirm({ cycleId, unitId, month }, actor, body);
  }

  @Post('review')
  @HttpCode(200)
  @Roles('ASSESSOR')
  @ApiOperation({ summary: 'Approve or return a submitted report. Roles: ASSESSOR' })
  @ApiZodBody(reviewReportBody)
  review(
    @Param('cycleId') cycleId: string,
    @Param('unitId') unitId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
    @Body(zodPipe(reviewReportBody)) body: ReviewReportBody,
  ): Promise<MonthReport> {
    return this.reports.review({ cycleId, unitId, month }, actor, body);
  }

  @Post('ratings')
  @HttpCode(200)
  @Roles('ASSESSOR')
  @ApiOperation({ summary: 'Enter a manual rating (政风评议 and the like). Roles: ASSESSOR' })
  @ApiZodBody(rateIndicatorBody)
  rate(
    @Param('cycleId') cycleId: string,
    @Param('unitId') unitId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
    @Body(zodPipe(rateIndicatorBody)) body: RateIndicatorBody,
  ): Promise<MonthReport> {
    return this.reports.rate({ cycleId, unitId, month }, actor, body);
  }

  @Post('extension')
  @HttpCode(200)
  @Roles('UNIT_REPORTER', 'UNIT_HEAD')
  @ApiOperation({ summary: 'Ask for a later deadline. Roles: UNIT_REPORTER or UNIT_HEAD of this unit' })
  @ApiZodBody(requestExtensionBody)
  requestExtension(
    @Param('cycleId') cycleId: string,
    @Param('unitId') unitId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
    @Body(zodPipe(requestExtensionBody)) body: RequestExtensionBody,
  ): Promise<MonthReport> {
    requireUnitRole(actor, ['UNIT_REPORTER', 'UNIT_HEAD'], unitId);
    return this.reports.requestExtension({ cycleId, unitId, month }, actor, body);
  }

  @Post('extension/decision')
  @HttpCode(200)
  @Roles('ASSESSOR')
  @ApiOperation({ summary: 'Approve (the running deadline moves) or refuse an extension. Roles: ASSESSOR' })
  @ApiZodBody(decideExtensionBody)
  decideExtension(
    @Param('cycleId') cycleId: string,
    @Param('unitId') unitId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
    @Body(zodPipe(decideExtensionBody)) body: DecideExtensionBody,
  ): Promise<MonthReport> {
    return this.reports.decideExtension({ cycleId, unitId, month }, actor, body);
  }
}
