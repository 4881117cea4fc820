import { Body, Controller, Get, Inject, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@jiebang/contracts';
import { CurrentActor, SignedIn } from '../common/actor';
import { RatingsService, type MyRatingView, type RatingRoundView } from './ratings.service';

@ApiTags('ratings')
@Controller('cycles/:cycleId/rating-rounds/:month')
export class RatingsController {
  constructor(@Inject(RatingsService) private readonly ratings: RatingsService) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary:
      "评议 round of a month: status, deadline, the caller's own scores, and per indicator how many rated per group " +
      "(assessors also see who has not rated); never another rater's score",
  })
  round(
    @CurrentActor() actor: Actor,
    @Param('cycleId') cycleId: string,
    @Param('month', ParseIntPipe) month: number,
  ): Promise<RatingRoundView> {
    return this.ratings.round(actor, cycleId, month);
  }

  @Put('ratings')
  @SignedIn()
  @ApiOperation({
    summary:
      'Rates one indicator in the round ({ indicatorId, score 0..100 }); changeable until the round closes. ' +
      'A peer never rates its own unit; only the groups of the indicator may rate',
  })
  rate(
    @CurrentActor() actor: Actor,
    @Param('cycleId') cycleId: string,
    @Param('month', ParseIntPipe) month: number,
    @Body() body: unknown,
  ): Promise<MyRatingView> {
    return this.ratings.rate(actor, cycleId, month, body);
  }
}
