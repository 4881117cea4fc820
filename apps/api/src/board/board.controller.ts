import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@jiebang/contracts';
import { CurrentActor, SignedIn } from '../common/actor';
import { zodPipe } from '../common/zod-body';
import { monthParam } from '@jiebang/contracts/http/reports';
import { BoardService } from './board.service';
import type { BoardView } from '@jiebang/contracts/http/board';
import { boardView } from '@jiebang/contracts/http/board';
import { zodResponse } from '../common/openapi-schemas';

@ApiTags('board')
@Controller('cycles/:cycleId/months/:month/board')
export class BoardController {
  constructor(@Inject(BoardService) private readonly board: BoardService) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary:
      "The board (挂图作战) of a month: per category the ranking with movement, each indicator's light, plan-to-date %, gap and pace, strong and weak indicators, and trends over the months so far. Provisional rankings to ASSESSOR only, final ones to ASSESSOR and LEADERSHIP, published ones to everyone signed in",
  })
  @ApiOkResponse(zodResponse('BoardView', boardView, 'The board of the month'))
  get(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
  ): Promise<BoardView> {
    return this.board.monthBoard(cycleId, month, actor);
  }
}
