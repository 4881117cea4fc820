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
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '@jiebang/contracts';
import { CurrentActor, Roles } from '../common/actor';
import { errorResponse, zodResponse } from '../common/openapi-schemas';
import { RequestTimeout } from '../common/request-timeout.interceptor';
import type { CycleImportResult } from '@jiebang/contracts/http/cycles';
import type { TargetWorkbookPreview } from './target-workbook-preview';
import { TargetWorkbooksService } from './target-workbooks.service';
import { uploadedWorkbook, WORKBOOK_FIELD, WorkbookUploadInterceptor } from './workbook-upload.interceptor';
import { XLSX_TYPE, xlsxFile } from './xlsx-response';
import { targetWorkbookPreview } from '@jiebang/contracts/http/workbooks';
import { cycleImportResult } from '@jiebang/contracts/http/cycles';

/** A district of a thousand units checks and starts as many workflows: as long as the JSON import may take. */
const IMPORT_TIMEOUT_MS = 10 * 60_000;

const UPLOAD_BODY = `The .xlsx file as the body, or as the field "${WORKBOOK_FIELD}" of a multipart form`;

@ApiTags('workbooks')
@Controller()
export class TargetWorkbooksController {
  constructor(@Inject(TargetWorkbooksService) private readonly workbooks: TargetWorkbooksService) {}

  @Get('workbooks/target-template')
  @Roles('ADMIN', 'ASSESSOR')
  @ApiOperation({
    summary:
      'The target workbook template (目标任务分解表): sheets 单位, 指标, 政策, 挂帅领导 and 重点项目 with notes on each header, drop-downs and an example district',
  })
  @ApiProduces(XLSX_TYPE)
  async template(@Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    return xlsxFile(response, '目标任务分解表模板.xlsx', await this.workbooks.template());
  }

  @Post('workbooks/target/preview')
  @HttpCode(200)
  @Roles('ADMIN', 'ASSESSOR')
  @RequestTimeout(IMPORT_TIMEOUT_MS)
  @ApiOperation({
    summary:
      'Check a filled target workbook (the .xlsx file as the body) with the rules of the JSON import and say what it would import: categories, units, indicator counts, weights per unit. Stores nothing',
  })
  @UseInterceptors(WorkbookUploadInterceptor)
  @ApiConsumes(XLSX_TYPE, 'multipart/form-data')
  @ApiBody({ description: UPLOAD_BODY, schema: { type: 'string', format: 'binary' } })
  @ApiBadRequestResponse(
    errorResponse(
      'WORKBOOK_INVALID: details lists every problem as { cell: "指标!F7", sheet, row, column, message (zh-CN), messageEn }',
    ),
  )
  @ApiPayloadTooLargeResponse(errorResponse('WORKBOOK_TOO_LARGE, naming the limit (as sent, or unzipped)'))
  @ApiOkResponse(zodResponse('TargetWorkbookPreview', targetWorkbookPreview))
  preview(@Req() request: Request): Promise<TargetWorkbookPreview> {
    return this.workbooks.preview(uploadedWorkbook(request));
  }

  @Post('workbooks/target')
  @HttpCode(201)
  @Roles('ADMIN', 'ASSESSOR')
  @RequestTimeout(IMPORT_TIMEOUT_MS)
  @ApiOperation({
    summary:
      'Import a filled target workbook as a cycle: the same checks and the same import as POST /cycles; nothing is stored unless the whole workbook is clean',
  })
  @UseInterceptors(WorkbookUploadInterceptor)
  @ApiConsumes(XLSX_TYPE, 'multipart/form-data')
  @ApiBody({ description: UPLOAD_BODY, schema: { type: 'string', format: 'binary' } })
  @ApiBadRequestResponse(errorResponse('WORKBOOK_INVALID, every problem with its cell'))
  @ApiCreatedResponse(zodResponse('CycleImportResult', cycleImportResult))
  async import(
    @Req() request: Request,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CycleImportResult> {
    const result = await this.workbooks.import(uploadedWorkbook(request), actor);
    if (!result.created) response.status(200);
    return result;
  }

  @Get('cycles/:cycleId/workbook')
  @Roles('ADMIN', 'ASSESSOR', 'LEADERSHIP')
  @ApiOperation({ summary: "A cycle's targets as a target workbook, the template's layout: next year starts from it" })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'The .xlsx file' })
  async export(
    @Param('cycleId') cycleId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { name, content } = await this.workbooks.export(cycleId);
    return xlsxFile(response, name, content);
  }
}
