import { type DynamicModule, Module } from '@nestjs/common';
import { channelSecretKeyOf, type AppConfig } from '@jiebang/config';
import { OutboundPolicy, SecretBox } from '@jiebang/delivery';
import { ChannelsController } from './channels.controller';
import { CHANNEL_SECRET_BOX, ChannelsService, OUTBOUND_POLICY } from './channels.service';

@Module({})
export class ChannelsModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ChannelsModule,
      controllers: [ChannelsController],
      providers: [
        ChannelsService,
        { provide: CHANNEL_SECRET_BOX, useValue: new SecretBox(channelSecretKeyOf(config).key) },
        { provide: OUTBOUND_POLICY, useValue: new OutboundPolicy(config.OUTBOUND_ALLOW) },
      ],
    };
  }
}
