import { Module } from '@nestjs/common';
import { AnnualResultsController } from './annual-results.controller';
import { AnnualResultsService } from './annual-results.service';

@Module({ controllers: [AnnualResultsController], providers: [AnnualResultsService], exports: [AnnualResultsService] })
export class AnnualResultsModule {}
