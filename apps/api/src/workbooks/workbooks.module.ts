import { Module } from '@nestjs/common';
import { CyclesModule } from '../cycles/cycles.module';
import { TargetWorkbooksController } from './target-workbooks.controller';
import { TargetWorkbooksService } from './target-workbooks.service';

@Module({
  imports: [CyclesModule],
  controllers: [TargetWorkbooksController],
  providers: [TargetWorkbooksService],
})
export class WorkbooksModule {}
