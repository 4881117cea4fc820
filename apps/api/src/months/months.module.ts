import { Module } from '@nestjs/common';
import { BulletinModule } from '../bulletin/bulletin.module';
import { MonthsController } from './months.controller';
import { MonthsService } from './months.service';

@Module({
  imports: [BulletinModule],
  controllers: [MonthsController],
  providers: [MonthsService],
  exports: [MonthsService],
})
export class MonthsModule {}
