import { Module } from '@nestjs/common';
import { BoardModule } from '../board/board.module';
import { BulletinController } from './bulletin.controller';
import { BulletinService } from './bulletin.service';

@Module({
  imports: [BoardModule],
  controllers: [BulletinController],
  providers: [BulletinService],
  exports: [BulletinService],
})
export class BulletinModule {}
