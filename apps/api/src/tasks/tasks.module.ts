import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({ imports: [AdminModule], controllers: [TasksController], providers: [TasksService] })
export class TasksModule {}
