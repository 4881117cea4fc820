import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MAX_FILES,
  EVIDENCE_TYPES,
  type Actor,
  type EvidenceFileView,
} from '@jiebang/contracts';
import { CurrentActor, Roles, SignedIn, requireUnitRole } from '../common/actor';
import { requireSightOfUnit } from '../common/unit-scope';
import type { JiebangRequest } from '../common/request-context';
import { zodPipe } from '../common/zod-body';
import { monthParam } from '@jiebang/contracts/http/reports';
import { EvidenceService } from './evidence.service';
import { evidenceFileView } from '@jiebang/contracts/http/evidence';
import { zodListResponse, zodResponse } from '../common/openapi-schemas';

const ACCEPTED = Object.keys(EVIDENCE_TYPES);

@ApiTags('reports')
@Controller('cycles/:cycleId/units/:unitId/reports/:month/evidence')
export class EvidenceController {
  constructor(@Inject(EvidenceService) private readonly evidence: EvidenceService) {}

  @Post()
  @Roles('UNIT_REPORTER', 'UNIT_HEAD')
  @ApiOperation({
    summary: `Upload an evidence file while the report is being written: the file's bytes as the body, its type as Content-Type (${ACCEPTED.join(', ')}), at most ${EVIDENCE_MAX_BYTES / 1024 / 1024} MiB, ${EVIDENCE_MAX_FILES} files a report; answers with its SHA-256. Roles: UNIT_REPORTER or UNIT_HEAD of this unit`,
  })
  @ApiConsumes(...ACCEPTED)
  @ApiQuery({ name: 'name', description: 'The file name, e.g. 项目台账.xlsx' })
  @ApiCreatedResponse(zodResponse('EvidenceFileView', evidenceFileView))
  upload(
    @Param('cycleId') cycleId: string,
    @Param('unitId') unitId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @Query('name') name: unknown,
    @Req() request: JiebangRequest,
    @CurrentActor() actor: Actor,
  ): Promise<EvidenceFileView> {
    requireUnitRole(actor, ['UNIT_REPORTER', 'UNIT_HEAD'], unitId);
    return this.evidence.upload({ cycleId, unitId, month }, actor, {
      fileName: name,
      contentType: request.header('content-type'),
      content: request.body,
    });
  }

  @Delete(':fileId')
  @HttpCode(204)
  @Roles('UNIT_REPORTER', 'UNIT_HEAD')
  @ApiOperation({
    summary:
      'Remove an evidence file while the report is being written. Roles: UNIT_REPORTER or UNIT_HEAD of this unit',
  })
  remove(
    @Param('cycleId') cycleId: string,
    @Param('unitId') unitId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @Param('fileId') fileId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    requireUnitRole(actor, ['UNIT_REPORTER', 'UNIT_HEAD'], unitId);
    return this.evidence.remove({ cycleId, unitId, month }, actor, fileId);
  }

  @Get()
  @SignedIn()
  @ApiOperation({ summary: "The report's evidence files. Unit people see their own unit only" })
  @ApiOkResponse(zodListResponse('EvidenceFileView', evidenceFileView))
  list(
    @Param('cycleId') cycleId: string,
    @Param('unitId') unitId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
  ): Promise<EvidenceFileView[]> {
    requireSightOfUnit(actor, cycleId, unitId);
    return this.evidence.list({ cycleId, unitId, month });
  }

  @Get(':fileId')
  @SignedIn()
  @ApiOperation({
    summary:
      'Download an evidence file; `x-content-sha256` carries its checksum, verified before sending. Unit people see their own unit only',
  })
  async download(
    @Param('cycleId') cycleId: string,
    @Param('unitId') unitId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @Param('fileId') fileId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    requireSightOfUnit(actor, cycleId, unitId);
    const { file, content } = await this.evidence.download({ cycleId, unitId, month }, fileId);
    response.setHeader('x-content-sha256', file.sha256);
    return new StreamableFile(content, {
      type: file.contentType,
      length: file.sizeBytes,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    });
  }
}
