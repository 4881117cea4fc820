import { Module } from '@nestjs/common';
import { CyclesController } from './cycles.controller';
import { CyclesService } from './cycles.service';
import { CycleWorkflowStarter } from './cycle-workflow-starter';
import { KeyProjectWorkflowStarter } from '../projects/key-project-workflow-starter';
import { RatingRoundStarter } from '../ratings/rating-round-starter';

@Module({
  controllers: [CyclesController],
  providers: [CyclesService, CycleWorkflowStarter, KeyProjectWorkflowStarter, RatingRoundStarter],
  exports: [CyclesService],
})
export class CyclesModule {}
