import { Module } from '@nestjs/common';
import { BoardLinksController } from './board-links.controller';
import { BoardLinksService } from './board-links.service';
import { BoardController } from './board.controller';
import { BoardService } from './board.service';
import { YearController } from './year.controller';

@Module({
  controllers: [BoardController, YearController, BoardLinksController],
  providers: [BoardService, BoardLinksService],
  exports: [BoardService],
})
export class BoardModule {}
