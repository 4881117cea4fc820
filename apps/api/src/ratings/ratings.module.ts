import { createHmac } from 'node:crypto';
import { type DynamicModule, Module } from '@nestjs/common';
import { jwtSecretOf, type AppConfig } from '@jiebang/config';
import { AuditModule } from '../audit/audit.module';
import { PanelWorkbooksService } from './panel-workbooks.service';
import { RATING_LINK_KEY, RatingLinksService } from './rating-links.service';
import { RatingsController } from './ratings.controller';
import { RATING_LINK_BASE } from './ratings.constants';
import { RatingsService } from './ratings.service';

@Module({})
export class RatingsModule {
  static register(
    config: Pick<AppConfig, 'JWT_SECRET' | 'NODE_ENV' | 'JIEBANG_DATA_DIR' | 'PUBLIC_URL'>,
  ): DynamicModule {
    // Links are signed with a key of their own, derived from the server's token secret.
    const key = createHmac('sha256', jwtSecretOf(config).secret).update('jiebang/rating-links/v1').digest();
    return {
      module: RatingsModule,
      // Global: 我的待办 (TasksModule) lists the rounds too.
      global: true,
      imports: [AuditModule],
      controllers: [RatingsController],
      providers: [
        RatingsService,
        RatingLinksService,
        PanelWorkbooksService,
        { provide: RATING_LINK_KEY, useValue: key },
        { provide: RATING_LINK_BASE, useValue: config.PUBLIC_URL?.replace(/\/$/, '') ?? null },
      ],
      exports: [RatingsService],
    };
  }
}
