import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor, EscalationTask, MessagePage, MessagePreferences } from '@jiebang/contracts';
import { CurrentActor, SignedIn } from '../common/actor';
import { errorResponse, zodListResponse, zodResponse } from '../common/openapi-schemas';
import { escalationTask, messagePage, messagePreferences, unreadCount } from '@jiebang/contracts/http/messages';
import { ApiZodBody, ApiZodQuery, zodPipe } from '../common/zod-body';
import {
  acknowledgeEscalationBody,
  escalationsQuery,
  listMessagesQuery,
  messagePreferencesBody,
  uuidParam,
  type AcknowledgeEscalationBody,
  type EscalationsQuery,
  type ListMessagesQuery,
  type MessagePreferencesBody,
} from '@jiebang/contracts/http/messages';
import { MessagesService } from './messages.service';

@ApiTags('messages')
@Controller()
export class MessagesController {
  constructor(@Inject(MessagesService) private readonly messages: MessagesService) {}

  @Get('messages')
  @SignedIn()
  @ApiOperation({
    summary: 'My messages (消息中心), newest first, each with the link of its step; and my unread count',
  })
  @ApiOkResponse(zodResponse('MessagePage', messagePage))
  list(
    @CurrentActor() actor: Actor,
    @Query(zodPipe(listMessagesQuery)) query: ListMessagesQuery,
  ): Promise<MessagePage> {
    return this.messages.list(actor, query);
  }

  @Get('messages/unread-count')
  @SignedIn()
  @ApiOperation({ summary: 'How many of my messages are unread' })
  @ApiOkResponse(zodResponse('UnreadCount', unreadCount))
  unreadCount(@CurrentActor() actor: Actor): Promise<{ unread: number }> {
    return this.messages.unreadCount(actor);
  }

  @Post('messages/:id/read')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({ summary: 'Mark one of my messages read' })
  @ApiOkResponse(zodResponse('UnreadCount', unreadCount, 'My unread count after it'))
  @ApiNotFoundResponse(errorResponse())
  markRead(@CurrentActor() actor: Actor, @Param('id', zodPipe(uuidParam)) id: string): Promise<{ unread: number }> {
    return this.messages.markRead(actor, id);
  }

  @Post('messages/read')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({ summary: 'Mark all my messages read' })
  @ApiOkResponse(zodResponse('UnreadCount', unreadCount, 'Then 0'))
  markAllRead(@CurrentActor() actor: Actor): Promise<{ unread: number }> {
    return this.messages.markAllRead(actor);
  }

  @Get('messages/preferences')
  @SignedIn()
  @ApiOperation({ summary: 'My language (zh-CN or en) and whether e-mail brings me one digest each working morning' })
  @ApiOkResponse(zodResponse('MessagePreferences', messagePreferences))
  preferences(@CurrentActor() actor: Actor): Promise<MessagePreferences> {
    return this.messages.preferences(actor);
  }

  @Put('messages/preferences')
  @SignedIn()
  @ApiOperation({ summary: 'Choose my language and the morning digest' })
  @ApiZodBody(messagePreferencesBody)
  @ApiOkResponse(zodResponse('MessagePreferences', messagePreferences))
  @ApiBadRequestResponse(errorResponse())
  savePreferences(
    @CurrentActor() actor: Actor,
    @Body(zodPipe(messagePreferencesBody)) body: MessagePreferencesBody,
  ): Promise<MessagePreferences> {
    return this.messages.savePreferences(actor, body);
  }

  @Get('escalations')
  @SignedIn()
  @ApiOperation({
    summary:
      'Escalation tasks (升级督办) addressed to my roles that nobody of the role has acknowledged yet; ?all=true adds acknowledged ones',
  })
  @ApiZodQuery(escalationsQuery)
  @ApiOkResponse(zodListResponse('EscalationTask', escalationTask))
  escalations(
    @CurrentActor() actor: Actor,
    @Query(zodPipe(escalationsQuery)) query: EscalationsQuery,
  ): Promise<EscalationTask[]> {
    return this.messages.tasks(actor, query.all !== 'true');
  }

  @Post('escalations/:id/acknowledgement')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Acknowledge an escalation with a note of what was done (audited). Roles: the one it is addressed to',
  })
  @ApiZodBody(acknowledgeEscalationBody)
  @ApiOkResponse(zodResponse('EscalationTask', escalationTask))
  @ApiBadRequestResponse(errorResponse())
  @ApiForbiddenResponse(errorResponse())
  @ApiNotFoundResponse(errorResponse())
  @ApiConflictResponse(errorResponse('Already acknowledged'))
  acknowledge(
    @CurrentActor() actor: Actor,
    @Param('id', zodPipe(uuidParam)) id: string,
    @Body(zodPipe(acknowledgeEscalationBody)) body: AcknowledgeEscalationBody,
  ): Promise<EscalationTask> {
    return this.messages.acknowledge(actor, id, body.note);
  }
}
