import { type DynamicModule, Module } from '@nestjs/common';
import { channelSecretKeyOf, type AppConfig } from '@jiebang/config';
import { SecretBox } from '@jiebang/delivery';
import { ChannelsController } from './channels.controller';
import { CHANNEL_SECRET_BOX, ChannelsService } from './channels.service';

@Module({})
export class ChannelsModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ChannelsModule,
      controllers: [ChannelsController],
      providers: [
        ChannelsService,
        { provide: CHANNEL_SECRET_BOX, useValue: new SecretBox(channelSecretKeyOf(config).key) },
      ],
    };
  }
}
