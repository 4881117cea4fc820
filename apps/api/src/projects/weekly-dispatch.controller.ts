import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  superviseWeeklyProblemBody,
  weeklyNoteBody,
  type Actor,
  type SuperviseWeeklyProblemBody,
  type WeeklyDigest,
  type WeeklyDispatchPlan,
  type WeeklyNote,
  type WeeklyNoteBody,
} from '@jiebang/contracts';
import { CurrentActor, Roles, SignedIn } from '../common/actor';
import { wholeNumberQuery } from '@jiebang/contracts/http/fields';
import { openSupervisionItemResult, type OpenSupervisionItemResult } from '@jiebang/contracts/http/supervision';
import { zodResponse } from '../common/openapi-schemas';
import { ApiZodBody, ApiZodParam, zodPipe } from '../common/zod-body';
import { WeeklyDispatchService } from './weekly-dispatch.service';

/** A week of the weekly dispatch in a path: 1..60 in decimal digits. */
const weekParam = wholeNumberQuery(1, 60);

@ApiTags('projects')
@Controller('cycles/:cycleId/projects')
export class WeeklyDispatchController {
  constructor(@Inject(WeeklyDispatchService) private readonly dispatch: WeeklyDispatchService) {}

  @Get('weekly')
  @SignedIn()
  @ApiOperation({
    summary:
      'Weekly dispatch (每周调度): the categories dispatched weekly, every week of the cycle (start, close, reminders) and the week open now',
  })
  @ApiOkResponse({ schema: { type: 'object' } })
  plan(@Param('cycleId') cycleId: string): Promise<WeeklyDispatchPlan> {
    return this.dispatch.plan(cycleId);
  }

  @Post(':projectId/weekly-notes')
  @Roles('UNIT_HEAD', 'UNIT_REPORTER')
  @ApiOperation({
    summary:
      "The owner unit's weekly note on a key project: investment this week, milestone news, problems needing a leader's help; taken while the week is open, once. Roles: UNIT_HEAD, UNIT_REPORTER of the owner unit",
  })
  @ApiZodBody(weeklyNoteBody)
  @ApiOkResponse({ schema: { type: 'object' } })
  send(
    @Param('cycleId') cycleId: string,
    @Param('projectId') projectId: string,
    @CurrentActor() actor: Actor,
    @Body(zodPipe(weeklyNoteBody)) body: WeeklyNoteBody,
  ): Promise<WeeklyNote> {
    return this.dispatch.send(cycleId, projectId, actor, body);
  }

  @Get('weekly/:week/notes')
  @SignedIn()
  @ApiOperation({ summary: "A week's notes; unit people see their own unit's" })
  @ApiZodParam('week', weekParam, 'The dispatch week, 1..60')
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object' } } })
  notes(
    @Param('cycleId') cycleId: string,
    @Param('week', zodPipe(weekParam)) week: number,
    @CurrentActor() actor: Actor,
  ): Promise<WeeklyNote[]> {
    return this.dispatch.list(cycleId, week, actor);
  }

  @Get('weekly/:week/digest')
  @Roles('ASSESSOR', 'ORG_DEPT', 'LEADERSHIP')
  @ApiOperation({
    summary:
      'The weekly digest per dispatched category: each project with its note, the missing notes, slipping and stalled projects, problems',
  })
  @ApiZodParam('week', weekParam, 'The dispatch week, 1..60')
  @ApiOkResponse({ schema: { type: 'object' } })
  digest(@Param('cycleId') cycleId: string, @Param('week', zodPipe(weekParam)) week: number): Promise<WeeklyDigest> {
    return this.dispatch.digest(cycleId, week);
  }

  @Post('weekly/:week/notes/:projectId/supervision')
  @Roles('ASSESSOR')
  @ApiOperation({
    summary:
      "Make a weekly note's problems a supervision item against the owner unit, in one step (deadline policy.milestoneGrace from now unless given). Roles: ASSESSOR",
  })
  @ApiZodParam('week', weekParam, 'The dispatch week, 1..60')
  @ApiZodBody(superviseWeeklyProblemBody)
  @ApiOkResponse(zodResponse('OpenSupervisionItemResult', openSupervisionItemResult))
  supervise(
    @Param('cycleId') cycleId: string,
    @Param('week', zodPipe(weekParam)) week: number,
    @Param('projectId') projectId: string,
    @CurrentActor() actor: Actor,
    @Body(zodPipe(superviseWeeklyProblemBody)) body: SuperviseWeeklyProblemBody,
  ): Promise<OpenSupervisionItemResult> {
    return this.dispatch.supervise(cycleId, week, projectId, actor, body);
  }
}
