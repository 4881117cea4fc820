import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@jiebang/contracts';
import { CurrentActor, RatersToo } from '../common/actor';
import { ApiZodQuery, zodPipe } from '../common/zod-body';
import { MyTasksView } from '@jiebang/contracts/http/tasks';
import { myTasksQuery, type MyTasksQuery } from '@jiebang/contracts/http/tasks';
import { TasksService } from './tasks.service';
import { myTasksView } from '@jiebang/contracts/http/tasks';
import { zodResponse } from '../common/openapi-schemas';

@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(@Inject(TasksService) private readonly tasks: TasksService) {}

  @Get()
  @RatersToo()
  @ApiOperation({
    summary:
      '我的待办 (my tasks): every pending step the signed-in person may take, with due dates, overdue first, ' +
      'counts per kind; filters cycleId, unitId, step, due (overdue, week, undated). Unit people see their own unit only',
  })
  @ApiZodQuery(myTasksQuery)
  @ApiOkResponse(zodResponse('MyTasksView', myTasksView))
  mine(@CurrentActor() actor: Actor, @Query(zodPipe(myTasksQuery)) query: MyTasksQuery): Promise<MyTasksView> {
    return this.tasks.mine(actor, query);
  }
}
