import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { AdminWorkflowsService } from './admin-workflows.service';

@Module({ controllers: [AdminController], providers: [AdminWorkflowsService] })
export class AdminModule {}
