import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@jiebang/contracts';
import { CurrentActor, Roles } from '../common/actor';
import { BoardService } from './board.service';
import type { YearView } from '@jiebang/contracts/http/board';
import { yearView } from '@jiebang/contracts/http/board';
import { zodResponse } from '../common/openapi-schemas';

@ApiTags('board')
@Controller('cycles/:cycleId/year')
export class YearController {
  constructor(@Inject(BoardService) private readonly board: BoardService) {}

  @Get()
  @Roles('ASSESSOR', 'LEADERSHIP')
  @ApiOperation({
    summary:
      "The year page: every month side by side per unit (rank, score, lights, lagging, veto) as far as the reader may see each month's ranking. Roles: ASSESSOR or LEADERSHIP",
  })
  @ApiOkResponse(zodResponse('YearView', yearView, 'Months 1..12 per unit, null where not ranked or not visible'))
  get(@Param('cycleId') cycleId: string, @CurrentActor() actor: Actor): Promise<YearView> {
    return this.board.year(cycleId, actor);
  }
}
