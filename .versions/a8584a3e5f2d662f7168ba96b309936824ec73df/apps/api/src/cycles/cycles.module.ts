import { Module } from '@nestjs/common';
import { CyclesController } from './cycles.controller';
import { CyclesService } from './cycles.service';
import { CycleWorkflowStarter } from './cycle-workflow-starter';

@Module({
  controllers: [CyclesController],
  providers: [CyclesService, CycleWorkflowStarter],
  exports: [CyclesService],
})
export class CyclesModule {}
