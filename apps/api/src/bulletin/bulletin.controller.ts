import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Res, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@jiebang/contracts';
import { CurrentActor, Roles, SignedIn } from '../common/actor';
import { ApiZodBody, zodPipe } from '../common/zod-body';
import { monthParam } from '@jiebang/contracts/http/reports';
import {
  bulletinDraftView,
  type BulletinParagraphsBody,
  bulletinParagraphsBody,
  bulletinVersionParam,
  bulletinVersionView,
  optionalParagraphsBody,
} from '@jiebang/contracts/http/bulletin';
import { BulletinService } from './bulletin.service';
import type { BulletinDraftView, BulletinVersionView } from '@jiebang/contracts/http/bulletin';
import { zodListResponse, zodResponse } from '../common/openapi-schemas';

@ApiTags('bulletin')
@Controller('cycles/:cycleId/months/:month')
export class BulletinController {
  constructor(@Inject(BulletinService) private readonly bulletins: BulletinService) {}

  @Get('bulletin/draft')
  @Roles('LEADERSHIP')
  @ApiOperation({
    summary: "The opening and closing paragraphs of the month's bulletin, before it is published. Roles: LEADERSHIP",
  })
  @ApiOkResponse(zodResponse('BulletinDraftView', bulletinDraftView))
  draft(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
  ): Promise<BulletinDraftView> {
    return this.bulletins.draft(cycleId, month);
  }

  @Put('bulletin/draft')
  @Roles('LEADERSHIP')
  @ApiOperation({
    summary:
      "Write the opening and closing paragraphs of the month's bulletin (once its ranking is final). Roles: LEADERSHIP",
  })
  @ApiZodBody(bulletinParagraphsBody)
  @ApiOkResponse(zodResponse('BulletinDraftView', bulletinDraftView))
  saveDraft(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
    @Body(zodPipe(bulletinParagraphsBody)) body: BulletinParagraphsBody,
  ): Promise<BulletinDraftView> {
    return this.bulletins.saveDraft(cycleId, month, actor, body);
  }

  @Get('bulletin/preview')
  @Roles('LEADERSHIP')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'The bulletin PDF as it would be published now, with the saved paragraphs. Roles: LEADERSHIP',
  })
  async preview(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    const pdf = await this.bulletins.preview(cycleId, month, actor);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      length: pdf.length,
      disposition: `inline; filename="bulletin-${month}-preview.pdf"`,
    });
  }

  @Get('bulletins')
  @SignedIn()
  @ApiOperation({ summary: "The month's published bulletins, each with its SHA-256" })
  @ApiOkResponse(zodListResponse('BulletinVersionView', bulletinVersionView, 'Oldest first'))
  list(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
  ): Promise<BulletinVersionView[]> {
    return this.bulletins.list(cycleId, month);
  }

  @Post('bulletins')
  @HttpCode(201)
  @Roles('LEADERSHIP')
  @ApiOperation({
    summary:
      'Issue the bulletin of a published month again as a new archived version (e.g. with corrected paragraphs); the earlier versions stay downloadable. Roles: LEADERSHIP',
  })
  @ApiZodBody(bulletinParagraphsBody)
  @ApiCreatedResponse(zodResponse('BulletinVersionView', bulletinVersionView))
  reissue(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @CurrentActor() actor: Actor,
    @Body(zodPipe(optionalParagraphsBody)) body: BulletinParagraphsBody,
  ): Promise<BulletinVersionView> {
    return this.bulletins.archive(cycleId, month, actor, body);
  }

  @Get('bulletins/:version')
  @SignedIn()
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'Download a published bulletin; `x-content-sha256` carries the checksum it was archived with',
  })
  async download(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @Param('version', zodPipe(bulletinVersionParam)) version: number,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { pdf, sha256 } = await this.bulletins.download(cycleId, month, version);
    response.setHeader('x-content-sha256', sha256);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      length: pdf.length,
      disposition: `attachment; filename="bulletin-${month}-v${version}.pdf"`,
    });
  }
}
