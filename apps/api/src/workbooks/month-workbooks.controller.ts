import {
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Req,
  Res,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor, MonthReport, SavedDraftView } from '@jiebang/contracts';
import { CurrentActor, Roles, SignedIn, requireUnitRole } from '../common/actor';
import { errorResponse } from '../common/openapi-schemas';
import { requireSightOfUnit } from '../common/unit-scope';
import { zodPipe } from '../common/zod-body';
import { monthParam } from '@jiebang/contracts/http/reports';
import { MonthWorkbooksService, type RatingsUploadResult } from './month-workbooks.service';
import { uploadedWorkbook, WORKBOOK_FIELD, WorkbookUploadInterceptor } from './workbook-upload.interceptor';
import { XLSX_TYPE, xlsxFile } from './xlsx-response';

const UPLOAD_BODY = `The .xlsx file as the body, or as the field "${WORKBOOK_FIELD}" of a multipart form`;

@ApiTags('workbooks')
@Controller('cycles/:cycleId')
export class MonthWorkbooksController {
  constructor(@Inject(MonthWorkbooksService) private readonly workbooks: MonthWorkbooksService) {}

  @Get('units/:unitId/reports/:month/workbook')
  @SignedIn()
  @ApiOperation({
    summary:
      "A unit's monthly report as a workbook (月度报告: its indicators as rows, 本月数值 to fill; 报告文字: the three texts). Unit people see their own unit only",
  })
  @ApiProduces(XLSX_TYPE)
  async reportWorkbook(
    @Param('cycleId') cycleId: string,
    @Param('unitId') unitId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    requireSightOfUnit(actor, cycleId, unitId);
    const { name, content } = await this.workbooks.reportWorkbook({ cycleId, unitId, month });
    return xlsxFile(response, name, content);
  }

  @Post('units/:unitId/reports/:month/workbook')
  @HttpCode(200)
  @Roles('UNIT_REPORTER', 'UNIT_HEAD')
  @ApiOperation({
    summary:
      'Save a filled report workbook as the draft of the month, through the same step and checks as the form: it stays a draft until submitted. Roles: UNIT_REPORTER or UNIT_HEAD of this unit',
  })
  @UseInterceptors(WorkbookUploadInterceptor)
  @ApiConsumes(XLSX_TYPE, 'multipart/form-data')
  @ApiBody({ description: UPLOAD_BODY, schema: { type: 'string', format: 'binary' } })
  @ApiBadRequestResponse(errorResponse('WORKBOOK_INVALID, every problem with its cell'))
  uploadReport(
    @Param('cycleId') cycleId: string,
    @Param('unitId') unitId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ): Promise<MonthReport | SavedDraftView> {
    requireUnitRole(actor, ['UNIT_REPORTER', 'UNIT_HEAD'], unitId);
    return this.workbooks.uploadReport({ cycleId, unitId, month }, actor, uploadedWorkbook(request));
  }

  @Get('ratings/:month/workbook')
  @Roles('ASSESSOR')
  @ApiOperation({
    summary:
      "A month's manual ratings of every unit as one workbook (人工评分: unit × manual-rating indicator). Roles: ASSESSOR",
  })
  @ApiProduces(XLSX_TYPE)
  async ratingsWorkbook(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { name, content } = await this.workbooks.ratingsWorkbook(cycleId, month);
    return xlsxFile(response, name, content);
  }

  @Post('ratings/:month/workbook')
  @HttpCode(200)
  @Roles('ASSESSOR')
  @ApiOperation({
    summary:
      'Enter the ratings of a filled ratings workbook, each through the same step as the console; every cell is checked first and nothing is entered unless all are clean. Roles: ASSESSOR',
  })
  @UseInterceptors(WorkbookUploadInterceptor)
  @ApiConsumes(XLSX_TYPE, 'multipart/form-data')
  @ApiBody({ description: UPLOAD_BODY, schema: { type: 'string', format: 'binary' } })
  @ApiBadRequestResponse(errorResponse('WORKBOOK_INVALID, every problem with its cell'))
  uploadRatings(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ): Promise<RatingsUploadResult> {
    return this.workbooks.uploadRatings(cycleId, month, actor, uploadedWorkbook(request));
  }
}
