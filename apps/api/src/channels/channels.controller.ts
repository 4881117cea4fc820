import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Actor, ChannelView, DeliveryView, UnreachedNotice } from '@jiebang/contracts';
import { CurrentActor, Roles } from '../common/actor';
import { errorResponse, zodListResponse, zodResponse } from '../common/openapi-schemas';
import { ApiZodBody, zodPipe } from '../common/zod-body';
import { uuidParam } from '@jiebang/contracts/http/messages';
import {
  channelBody,
  listDeliveriesQuery,
  type ChannelBody,
  type ListDeliveriesQuery,
  channelView,
  deliveryView,
} from '@jiebang/contracts/http/channels';
import { ChannelsService } from './channels.service';

@ApiTags('channels')
@Controller('admin')
export class ChannelsController {
  constructor(@Inject(ChannelsService) private readonly channels: ChannelsService) {}

  @Get('channels')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Delivery channels (secrets never shown). Roles: ADMIN' })
  @ApiOkResponse(zodListResponse('ChannelView', channelView))
  list(): Promise<ChannelView[]> {
    return this.channels.list();
  }

  @Post('channels')
  @HttpCode(201)
  @Roles('ADMIN')
  @ApiOperation({
    summary:
      'Add a channel: email (SMTP, checked at once), dingtalk, wecom, feishu or webhook, for every notice or those of a unit and/or role. Roles: ADMIN',
  })
  @ApiZodBody(channelBody)
  @ApiOkResponse(zodResponse('ChannelView', channelView))
  @ApiBadRequestResponse(errorResponse('An invalid URL, a missing secret…'))
  @ApiConflictResponse(errorResponse())
  @ApiUnprocessableEntityResponse(errorResponse('The SMTP server did not answer'))
  create(@CurrentActor() actor: Actor, @Body(zodPipe(channelBody)) body: ChannelBody): Promise<ChannelView> {
    return this.channels.create(actor, body);
  }

  @Get('channels/:id')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'One channel. Roles: ADMIN' })
  @ApiOkResponse(zodResponse('ChannelView', channelView))
  @ApiNotFoundResponse(errorResponse())
  get(@Param('id', zodPipe(uuidParam)) id: string): Promise<ChannelView> {
    return this.channels.get(id);
  }

  @Put('channels/:id')
  @Roles('ADMIN')
  @ApiOperation({
    summary: "Replace a channel's settings (give the secret again; `enabled: false` pauses it). Roles: ADMIN",
  })
  @ApiZodBody(channelBody)
  @ApiOkResponse(zodResponse('ChannelView', channelView))
  @ApiBadRequestResponse(errorResponse())
  @ApiNotFoundResponse(errorResponse())
  @ApiUnprocessableEntityResponse(errorResponse())
  replace(
    @CurrentActor() actor: Actor,
    @Param('id', zodPipe(uuidParam)) id: string,
    @Body(zodPipe(channelBody)) body: ChannelBody,
  ): Promise<ChannelView> {
    return this.channels.replace(actor, id, body);
  }

  @Get('deliveries')
  @Roles('ADMIN')
  @ApiOperation({
    summary: 'Deliveries, newest first; ?status=dead lists the dead letters with their last error. Roles: ADMIN',
  })
  @ApiOkResponse(zodListResponse('DeliveryView', deliveryView))
  deliveries(@Query(zodPipe(listDeliveriesQuery)) query: ListDeliveriesQuery): Promise<DeliveryView[]> {
    return this.channels.deliveriesList(query);
  }

  @Get('notifications/unreached')
  @Roles('ADMIN')
  @ApiOperation({
    summary:
      'Notices that reached nobody (no holder of the role, no channel), newest first: add the person or a channel. Roles: ADMIN',
  })
  @ApiOkResponse({ description: 'UnreachedNotice[]' })
  unreached(): Promise<UnreachedNotice[]> {
    return this.channels.unreached();
  }

  @Post('deliveries/:id/resend')
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Send a dead-lettered delivery again (a fresh count of attempts). Roles: ADMIN' })
  @ApiOkResponse({ description: '{ resent: true }' })
  @ApiNotFoundResponse(errorResponse())
  @ApiConflictResponse(errorResponse('Not dead-lettered'))
  resend(@CurrentActor() actor: Actor, @Param('id', zodPipe(uuidParam)) id: string): Promise<{ resent: true }> {
    return this.channels.resend(actor, id);
  }
}
