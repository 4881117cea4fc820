import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { scenarioSchema, type Actor } from '@jiebang/contracts';
import { ApiZodBody } from '../common/zod-body';
import { CurrentActor, Roles, SignedIn } from '../common/actor';
import { errorResponse } from '../common/openapi-schemas';
import { RequestTimeout } from '../common/request-timeout.interceptor';
import { CycleDetail, CycleImportResult, CycleSummary } from '@jiebang/contracts/http/cycles';
import { CyclesService } from './cycles.service';
import { cycleDetail, cycleImportResult, cycleSummary } from '@jiebang/contracts/http/cycles';
import { zodListResponse, zodResponse } from '../common/openapi-schemas';

/** A district of thousands of units starts as many workflows: longer than any step may take. */
const IMPORT_TIMEOUT_MS = 10 * 60_000;

@ApiTags('cycles')
@Controller('cycles')
export class CyclesController {
  constructor(@Inject(CyclesService) private readonly cycles: CyclesService) {}

  @Post()
  @HttpCode(201)
  @RequestTimeout(IMPORT_TIMEOUT_MS)
  @Roles('ADMIN', 'ASSESSOR')
  @ApiOperation({ summary: 'Import a jiebang-scenario/1 document as a cycle and start its unit workflows' })
  @ApiZodBody(
    scenarioSchema,
    'A jiebang-scenario/1 document: every duration, date and count has its range (docs/security.md, "Scenario limits")',
  )
  @ApiCreatedResponse(
    zodResponse(
      'CycleImportResult',
      cycleImportResult,
      'Imported; 200 instead when the same document was imported before',
    ),
  )
  @ApiBadRequestResponse(errorResponse('Invalid document: details lists every problem with its JSON path'))
  @ApiConflictResponse(errorResponse('A different cycle with the same year and name exists'))
  async importCycle(
    @Body() document: unknown,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CycleImportResult> {
    const result = await this.cycles.importCycle(document, { actor });
    if (!result.created) response.status(200);
    return result;
  }

  @Get()
  @SignedIn()
  @ApiOkResponse(zodListResponse('CycleSummary', cycleSummary))
  list(): Promise<CycleSummary[]> {
    return this.cycles.list();
  }

  @Get(':cycleId')
  @SignedIn()
  @ApiOperation({ summary: 'One cycle, with its categories and units by name' })
  @ApiOkResponse(zodResponse('CycleDetail', cycleDetail))
  get(@Param('cycleId') cycleId: string): Promise<CycleDetail> {
    return this.cycles.get(cycleId);
  }
}
