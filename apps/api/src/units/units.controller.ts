import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@jiebang/contracts';
import { CurrentActor, Roles, SignedIn, requireUnitRole } from '../common/actor';
import { requireSightOfUnit } from '../common/unit-scope';
import { errorResponse } from '../common/openapi-schemas';
import { SignPledgeResponse, UnitView } from '@jiebang/contracts/http/units';
import { UnitsService } from './units.service';
import { signPledgeResponse, unitView } from '@jiebang/contracts/http/units';
import { zodResponse } from '../common/openapi-schemas';

@ApiTags('units')
@Controller('cycles/:cycleId/units/:unitId')
export class UnitsController {
  constructor(@Inject(UnitsService) private readonly units: UnitsService) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: "A unit's phase (live from its workflow) and its stored records. Unit people see their own unit only",
  })
  @ApiOkResponse(zodResponse('UnitView', unitView))
  @ApiNotFoundResponse(errorResponse())
  view(
    @Param('cycleId') cycleId: string,
    @Param('unitId') unitId: string,
    @CurrentActor() actor: Actor,
  ): Promise<UnitView> {
    requireSightOfUnit(actor, cycleId, unitId);
    return this.units.view(cycleId, unitId);
  }

  @Post('pledge')
  @HttpCode(200)
  @Roles('UNIT_HEAD')
  @ApiOperation({ summary: 'The unit head signs the pledge (军令状). Roles: UNIT_HEAD of this unit' })
  @ApiOkResponse(zodResponse('SignPledgeResponse', signPledgeResponse))
  @ApiConflictResponse(errorResponse('Already signed, or not in the pledge phase'))
  @ApiForbiddenResponse(errorResponse())
  signPledge(
    @Param('cycleId') cycleId: string,
    @Param('unitId') unitId: string,
    @CurrentActor() actor: Actor,
  ): Promise<SignPledgeResponse> {
    requireUnitRole(actor, 'UNIT_HEAD', unitId);
    return this.units.signPledge(cycleId, unitId, actor);
  }
}
