import { Controller, Get, Inject, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import type { Actor } from '@jiebang/contracts';
import { auditQuery } from '@jiebang/contracts/http/audit';
import { CurrentActor, Roles, SignedIn } from '../common/actor';
import { ApiZodQuery, zodPipe } from '../common/zod-body';
import { rankingVersionQuery } from '@jiebang/contracts/http/months';
import { monthParam } from '@jiebang/contracts/http/reports';
import { projectMapQuery, type ProjectMapQuery } from '@jiebang/contracts/http/projects';
import { LedgersService, type LedgerFile } from './ledgers.service';
import { CSV_TYPE, downloadFile, XLSX_TYPE, xlsxFile } from './xlsx-response';

const auditExportQuery = auditQuery.omit({ beforeSeq: true, limit: true });

/** The ledgers (台账) as files: each is the page's own JSON, written as a sheet. */
@ApiTags('ledgers')
@Controller()
export class LedgersController {
  constructor(@Inject(LedgersService) private readonly ledgers: LedgersService) {}

  @Get('cycles/:cycleId/ledgers/ranking/:month')
  @SignedIn()
  @ApiOperation({
    summary:
      "The month's ranking ledger (.xlsx), a sheet per category: rank, unit, score, movement since last month, lights, lagging, veto; the rows of GET .../months/{month}/ranking",
  })
  @ApiQuery({ name: 'version', required: false, type: Number })
  @ApiProduces(XLSX_TYPE)
  async ranking(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @Query('version', zodPipe(rankingVersionQuery)) version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return file(response, await this.ledgers.ranking(cycleId, month, version));
  }

  @Get('cycles/:cycleId/ledgers/cases')
  @SignedIn()
  @ApiOperation({
    summary: 'The cases ledger (.xlsx): the rows of GET /cases?cycleId=; unit people see their own unit',
  })
  @ApiProduces(XLSX_TYPE)
  async cases(
    @Param('cycleId') cycleId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return file(response, await this.ledgers.caseLedger(actor, cycleId));
  }

  @Get('cycles/:cycleId/ledgers/supervision')
  @SignedIn()
  @ApiOperation({
    summary:
      'The supervision ledger (.xlsx): the rows of GET /supervision-items?cycleId=; unit people see their own unit',
  })
  @ApiProduces(XLSX_TYPE)
  async supervision(
    @Param('cycleId') cycleId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return file(response, await this.ledgers.supervisionItems(actor, cycleId));
  }

  @Get('cycles/:cycleId/ledgers/projects')
  @SignedIn()
  @ApiOperation({
    summary:
      'The key project ledger (重点项目台账, .xlsx): the rows of GET /cycles/{cycleId}/projects/map with the same filters (unit, leader, category)',
  })
  @ApiZodQuery(projectMapQuery)
  @ApiProduces(XLSX_TYPE)
  async projects(
    @Param('cycleId') cycleId: string,
    @Query(zodPipe(projectMapQuery)) query: ProjectMapQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return file(response, await this.ledgers.projects(cycleId, query));
  }

  @Get('cycles/:cycleId/ledgers/annual')
  @SignedIn()
  @ApiOperation({
    summary:
      'The annual results (.xlsx): the rows of GET /cycles/{cycleId}/annual-results; unit people see their own unit',
  })
  @ApiProduces(XLSX_TYPE)
  async annual(
    @Param('cycleId') cycleId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return file(response, await this.ledgers.annualResults(actor, cycleId));
  }

  @Get('audit/export')
  @Roles('ADMIN')
  @ApiOperation({
    summary: 'The audit trail of a period as CSV (UTF-8), oldest first, with the filters of GET /audit',
  })
  @ApiZodQuery(auditExportQuery)
  @ApiProduces('text/csv')
  async audit(
    @Query(zodPipe(auditExportQuery)) query: z.output<typeof auditExportQuery>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { name, content } = await this.ledgers.auditTrail(query);
    return downloadFile(response, CSV_TYPE, name, content);
  }
}

function file(response: Response, { name, content }: LedgerFile): StreamableFile {
  return xlsxFile(response, name, content);
}
