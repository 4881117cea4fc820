import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  publicLinksSwitchBody,
  type Actor,
  type PublicLinksSettingView,
  type PublicLinksSwitchBody,
} from '@jiebang/contracts';
import { CurrentActor, Public, Roles } from '../common/actor';
import { zodPipe } from '../common/zod-body';
import { monthParam } from '@jiebang/contracts/http/reports';
import { BoardLinksService } from './board-links.service';
import type { BoardLinkCreatedView, BoardLinksView, PublicBoardView } from '@jiebang/contracts/http/board';
import { boardLinkCreatedView, boardLinksView, publicBoardView } from '@jiebang/contracts/http/board';
import { zodResponse } from '../common/openapi-schemas';

@ApiTags('board')
@Controller()
export class BoardLinksController {
  constructor(@Inject(BoardLinksService) private readonly links: BoardLinksService) {}

  @Post('cycles/:cycleId/months/:month/public-link')
  @HttpCode(201)
  @Roles('ASSESSOR', 'LEADERSHIP')
  @ApiOperation({
    summary:
      "Make a public read-only link to a published month's board (unit names and figures only); its address is shown this once. Roles: ASSESSOR or LEADERSHIP",
  })
  @ApiCreatedResponse(zodResponse('BoardLinkCreatedView', boardLinkCreatedView))
  create(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
  ): Promise<BoardLinkCreatedView> {
    return this.links.create(cycleId, month, actor);
  }

  @Get('cycles/:cycleId/months/:month/public-link')
  @Roles('ASSESSOR', 'LEADERSHIP')
  @ApiOperation({
    summary: "The month's public links still open: who made them and when. Roles: ASSESSOR or LEADERSHIP",
  })
  @ApiOkResponse(zodResponse('BoardLinksView', boardLinksView))
  list(@Param('cycleId') cycleId: string, @Param('month', zodPipe(monthParam)) month: number): Promise<BoardLinksView> {
    return this.links.list(cycleId, month);
  }

  @Delete('cycles/:cycleId/months/:month/public-link')
  @Roles('ASSESSOR', 'LEADERSHIP')
  @ApiOperation({ summary: 'Revoke every public link of the month at once. Roles: ASSESSOR or LEADERSHIP' })
  revoke(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
  ): Promise<{ revoked: number }> {
    return this.links.revoke(cycleId, month, actor);
  }

  @Get('settings/public-board-links')
  @Roles('ASSESSOR', 'LEADERSHIP', 'ADMIN')
  @ApiOperation({
    summary:
      "Whether the district's public board links are on (on until someone switches them). Roles: ASSESSOR, LEADERSHIP or ADMIN",
  })
  setting(): Promise<PublicLinksSettingView> {
    return this.links.setting();
  }

  @Put('settings/public-board-links')
  @Roles('LEADERSHIP', 'ADMIN')
  @ApiOperation({
    summary:
      "Switch the district's public board links on or off; off revokes every open link of every month and refuses new ones. Roles: LEADERSHIP or ADMIN",
  })
  switch(
    @Body(zodPipe(publicLinksSwitchBody)) body: PublicLinksSwitchBody,
    @CurrentActor() actor: Actor,
  ): Promise<PublicLinksSettingView> {
    return this.links.switch(body.enabled, actor);
  }

  @Get('public/boards/:token')
  @Public()
  @ApiOperation({
    summary: "A published month's board through its public link, signed out: unit names and figures only",
  })
  @ApiOkResponse(zodResponse('PublicBoardView', publicBoardView))
  open(@Param('token') token: string): Promise<PublicBoardView> {
    return this.links.open(token);
  }
}
