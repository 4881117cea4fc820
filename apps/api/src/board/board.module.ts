import { Module } from '@nestjs/common';
import { BoardController } from './board.controller';
import { BoardService } from './board.service';
import { YearController } from './year.controller';

@Module({ controllers: [BoardController, YearController], providers: [BoardService], exports: [BoardService] })
export class BoardModule {}
