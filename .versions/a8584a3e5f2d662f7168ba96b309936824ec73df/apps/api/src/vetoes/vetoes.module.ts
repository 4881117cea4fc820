import { Module } from '@nestjs/common';
import { VetoesController } from './vetoes.controller';
import { VetoesService } from './vetoes.service';

@Module({ controllers: [VetoesController], providers: [VetoesService] })
export class VetoesModule {}
