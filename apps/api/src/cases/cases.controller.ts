import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor, CaseSnapshot } from '@jiebang/contracts';
import { CurrentActor, Roles, SignedIn } from '../common/actor';
import { errorResponse } from '../common/openapi-schemas';
import { ApiZodBody, zodPipe } from '../common/zod-body';
import { CaseDetailView, CaseView } from './case.dto';
import {
  decideCaseBody,
  listCasesQuery,
  recordCaseStepBody,
  type DecideCaseBody,
  type ListCasesQuery,
  type RecordCaseStepBody,
} from '@jiebang/contracts/http/cases';
import { CasesService } from './cases.service';
import { caseDetailView, caseView } from '@jiebang/contracts/http/cases';
import { zodListResponse, zodResponse } from '../common/openapi-schemas';

const CASE_ID_PARAM = {
  name: 'caseId',
  description: 'The case id cycle/unit/rung/m<month>, URL-encoded (slashes as %2F)',
  example: '2026-demo%2Fu01%2Finterview%2Fm3',
};

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(@Inject(CasesService) private readonly cases: CasesService) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: 'Consequence cases, filtered by cycle, unit and status. Unit people see their own unit only',
  })
  @ApiOkResponse(zodListResponse('CaseView', caseView))
  list(@CurrentActor() actor: Actor, @Query(zodPipe(listCasesQuery)) query: ListCasesQuery): Promise<CaseView[]> {
    return this.cases.list(actor, query);
  }

  @Get(':caseId')
  @SignedIn()
  @ApiParam(CASE_ID_PARAM)
  @ApiOperation({ summary: 'A case: the stored record, its events (the audit trail) and its live state' })
  @ApiOkResponse(zodResponse('CaseDetailView', caseDetailView))
  @ApiNotFoundResponse(errorResponse())
  get(@CurrentActor() actor: Actor, @Param('caseId') caseId: string): Promise<CaseDetailView> {
    return this.cases.get(actor, caseId);
  }

  @Post(':caseId/decisions')
  @HttpCode(200)
  @Roles('ORG_DEPT', 'DISCIPLINE', 'LEADERSHIP', 'ASSESSOR')
  @ApiParam(CASE_ID_PARAM)
  @ApiOperation({
    summary: "Approve or reject (with a reason) a case. Roles: the case's approvers; one decision per person",
  })
  @ApiZodBody(decideCaseBody)
  @ApiOkResponse({ description: 'The case after the decision (CaseSnapshot)' })
  @ApiBadRequestResponse(errorResponse())
  @ApiForbiddenResponse(errorResponse('Not an approver of this case'))
  @ApiConflictResponse(errorResponse('Closed case, same person twice, approval already given or out of order'))
  decide(
    @CurrentActor() actor: Actor,
    @Param('caseId') caseId: string,
    @Body(zodPipe(decideCaseBody)) body: DecideCaseBody,
  ): Promise<CaseSnapshot> {
    return this.cases.decide(actor, caseId, body);
  }

  @Post(':caseId/steps')
  @HttpCode(200)
  @Roles('ASSESSOR', 'ORG_DEPT', 'DISCIPLINE', 'UNIT_HEAD', 'UNIT_REPORTER')
  @ApiParam(CASE_ID_PARAM)
  @ApiOperation({ summary: "Record the next step of the case's procedure (CASE_STEPS). Roles: those of the step" })
  @ApiZodBody(recordCaseStepBody)
  @ApiOkResponse({ description: 'The case after the step (CaseSnapshot)' })
  @ApiBadRequestResponse(errorResponse())
  @ApiForbiddenResponse(errorResponse())
  @ApiConflictResponse(errorResponse('Closed case, or not the next step'))
  recordStep(
    @CurrentActor() actor: Actor,
    @Param('caseId') caseId: string,
    @Body(zodPipe(recordCaseStepBody)) body: RecordCaseStepBody,
  ): Promise<CaseSnapshot> {
    return this.cases.recordStep(actor, caseId, body);
  }
}
