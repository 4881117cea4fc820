import { Module } from '@nestjs/common';
import { CyclesController } from './cycles.controller';
import { CyclesService } from './cycles.service';
import { CycleWorkflowStarter } from './cycle-workflow-starter';
import { KeyProjectWorkflowStarter } from '../projects/key-project-workflow-starter';

@Module({
  controllers: [CyclesController],
  providers: [CyclesService, CycleWorkflowStarter, KeyProjectWorkflowStarter],
  exports: [CyclesService],
})
export class CyclesModule {}
