import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Actor, AnnualResultsView } from '@jiebang/contracts';
import { CurrentActor, SignedIn } from '../common/actor';
import { visibleUnitFilter } from '../common/unit-scope';
import { AnnualResultsService } from './annual-results.service';
import { annualResultsView } from '@jiebang/contracts/http/annual';
import { zodResponse } from '../common/openapi-schemas';

@ApiTags('months')
@Controller('cycles/:cycleId/annual-results')
export class AnnualResultsController {
  constructor(@Inject(AnnualResultsService) private readonly annual: AnnualResultsService) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary:
      'The year: per unit, annual task completed or not, year score and rank (the final month-12 standing) and year-end cases; `decided: false` until month 12 is final. Unit people see their own unit only',
  })
  @ApiQuery({ name: 'unitId', required: false })
  @ApiOkResponse(zodResponse('AnnualResultsView', annualResultsView))
  list(
    @Param('cycleId') cycleId: string,
    @Query('unitId') unitId: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<AnnualResultsView> {
    return this.annual.list(cycleId, visibleUnitFilter(actor, unitId));
  }
}
