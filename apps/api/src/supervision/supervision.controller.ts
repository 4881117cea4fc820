import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor, SupervisionSnapshot } from '@jiebang/contracts';
import { CurrentActor, Roles, SignedIn } from '../common/actor';
import { errorResponse } from '../common/openapi-schemas';
import { ApiZodBody, zodPipe } from '../common/zod-body';
import { OpenSupervisionItemResult, SupervisionItemDetailView, SupervisionItemView } from './supervision.dto';
import {
  listSupervisionItemsQuery,
  openSupervisionItemBody,
  respondToSupervisionItemBody,
  verifySupervisionItemBody,
  type ListSupervisionItemsQuery,
  type OpenSupervisionItemBody,
  type RespondToSupervisionItemBody,
  type VerifySupervisionItemBody,
} from '@jiebang/contracts/http/supervision';
import { SupervisionService } from './supervision.service';
import {
  openSupervisionItemResult,
  supervisionItemDetailView,
  supervisionItemView,
} from '@jiebang/contracts/http/supervision';
import { zodListResponse, zodResponse } from '../common/openapi-schemas';

@ApiTags('supervision')
@Controller('supervision-items')
export class SupervisionController {
  constructor(@Inject(SupervisionService) private readonly supervision: SupervisionService) {}

  @Post()
  @HttpCode(201)
  @Roles('ASSESSOR')
  @ApiOperation({ summary: 'Open a supervision item (督办事项) against a unit, with a deadline. Roles: ASSESSOR' })
  @ApiZodBody(openSupervisionItemBody)
  @ApiCreatedResponse(
    zodResponse(
      'OpenSupervisionItemResult',
      openSupervisionItemResult,
      'Opened; 200 instead when the same item had been opened before',
    ),
  )
  @ApiBadRequestResponse(errorResponse())
  @ApiConflictResponse(errorResponse('The unit has an item with this title and other content'))
  async open(
    @CurrentActor() actor: Actor,
    @Body(zodPipe(openSupervisionItemBody)) body: OpenSupervisionItemBody,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OpenSupervisionItemResult> {
    const result = await this.supervision.open(actor, body);
    if (!result.created) response.status(200);
    return result;
  }

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: 'Supervision items, filtered by cycle, unit and status. Unit people see their own unit only',
  })
  @ApiOkResponse(zodListResponse('SupervisionItemView', supervisionItemView))
  list(
    @CurrentActor() actor: Actor,
    @Query(zodPipe(listSupervisionItemsQuery)) query: ListSupervisionItemsQuery,
  ): Promise<SupervisionItemView[]> {
    return this.supervision.list(actor, query);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'A supervision item: the stored record, its events and its live state' })
  @ApiOkResponse(zodResponse('SupervisionItemDetailView', supervisionItemDetailView))
  @ApiNotFoundResponse(errorResponse())
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<SupervisionItemDetailView> {
    return this.supervision.get(actor, id);
  }

  @Post(':id/response')
  @HttpCode(200)
  @Roles('UNIT_HEAD', 'UNIT_REPORTER')
  @ApiOperation({ summary: "The unit answers the item. Roles: UNIT_HEAD or UNIT_REPORTER of the item's unit" })
  @ApiZodBody(respondToSupervisionItemBody)
  @ApiOkResponse({ description: 'The item after the response (SupervisionSnapshot)' })
  @ApiForbiddenResponse(errorResponse())
  @ApiConflictResponse(errorResponse('Closed, or a response already waits for verification'))
  respond(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body(zodPipe(respondToSupervisionItemBody)) body: RespondToSupervisionItemBody,
  ): Promise<SupervisionSnapshot> {
    return this.supervision.respond(actor, id, body);
  }

  @Post(':id/verification')
  @HttpCode(200)
  @Roles('ASSESSOR')
  @ApiOperation({
    summary: 'Verify the response: accept closes the item (销号), otherwise it goes back to the unit. Roles: ASSESSOR',
  })
  @ApiZodBody(verifySupervisionItemBody)
  @ApiOkResponse({ description: 'The item after the verification (SupervisionSnapshot)' })
  @ApiBadRequestResponse(errorResponse())
  @ApiConflictResponse(errorResponse('Closed, or no response to verify'))
  verify(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body(zodPipe(verifySupervisionItemBody)) body: VerifySupervisionItemBody,
  ): Promise<SupervisionSnapshot> {
    return this.supervision.verify(actor, id, body);
  }
}
