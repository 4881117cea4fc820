import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Req,
  Res,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { zodResponse } from '../common/openapi-schemas';
import type { Request, Response } from 'express';
import { uploadedWorkbook, WorkbookUploadInterceptor } from '../workbooks/workbook-upload.interceptor';
import { XLSX_TYPE, xlsxFile } from '../workbooks/xlsx-response';
import { PanelWorkbooksService, type PanelUploadResult } from './panel-workbooks.service';
import {
  ratingLinksRequestSchema,
  ratingReminderPressSchema,
  type Actor,
  type RatingLinksRequest,
  type RatingReminderPress,
} from '@jiebang/contracts';
import { CurrentActor, Public, RatersToo, Roles } from '../common/actor';
import { ApiZodBody, zodPipe } from '../common/zod-body';
import { monthParam } from '@jiebang/contracts/http/reports';
import { RatingLinksService, type RatingLinkCreated } from './rating-links.service';
import { RATING_LINK_BASE } from './ratings.constants';
import { RatingsService, type ReminderPressView } from './ratings.service';
import {
  linkRoundView,
  myRatingView,
  ratingLinkView,
  ratingLinksView,
  ratingRoundView,
  type LinkRoundView,
  type MyRatingView,
  type RatingLinksView,
  type RatingLinkView,
  type RatingRoundView,
} from '@jiebang/contracts/http/ratings';

@ApiTags('ratings')
@Controller('cycles/:cycleId/rating-rounds/:month')
export class RatingsController {
  constructor(
    @Inject(RatingsService) private readonly ratings: RatingsService,
    @Inject(RatingLinksService) private readonly links: RatingLinksService,
    @Inject(RATING_LINK_BASE) private readonly linkBase: string | null,
    @Inject(PanelWorkbooksService) private readonly workbooks: PanelWorkbooksService,
  ) {}

  @Get('workbook')
  @Roles('ASSESSOR', 'ADMIN')
  @ApiProduces(XLSX_TYPE)
  @ApiOperation({
    summary:
      "The round's ratings workbook (评议表): one sheet per panel, units as rows, members as columns, stored scores filled in. Roles: ASSESSOR or ADMIN",
  })
  async workbook(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { name, content } = await this.workbooks.download(cycleId, month);
    return xlsxFile(response, name, content);
  }

  @Post('workbook')
  @HttpCode(200)
  @Roles('ASSESSOR', 'ADMIN')
  @UseInterceptors(WorkbookUploadInterceptor)
  @ApiConsumes(XLSX_TYPE, 'multipart/form-data')
  @ApiBody({
    description: 'The filled .xlsx as the body, or the field "file" of a form',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({
    summary:
      "Enters paper forms: each filled cell as that member's rating, the uploader named in the trail; every cell checked first, nothing stored unless all are clean. Roles: ASSESSOR or ADMIN",
  })
  uploadWorkbook(
    @CurrentActor() actor: Actor,
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @Req() request: Request,
  ): Promise<PanelUploadResult> {
    return this.workbooks.upload(actor, cycleId, month, uploadedWorkbook(request));
  }

  @Get()
  @RatersToo()
  @ApiOkResponse(zodResponse('RatingRoundView', ratingRoundView))
  @ApiOperation({
    summary:
      "评议 round of a month: status, deadline, the caller's own scores and whether they submitted, and per indicator how many rated per group " +
      "(assessors also see who has not rated); never another rater's score",
  })
  round(
    @CurrentActor() actor: Actor,
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
  ): Promise<RatingRoundView> {
    return this.ratings.round(actor, cycleId, month);
  }

  @Put('ratings')
  @RatersToo()
  @ApiOkResponse(zodResponse('MyRatingView', myRatingView))
  @ApiOperation({
    summary:
      'Rates one indicator in the round ({ indicatorId, score 0..100 }), saved as a draft that counts: changeable until the rater submits or the round closes. ' +
      'A peer never rates its own unit; only the groups of the indicator may rate',
  })
  rate(
    @CurrentActor() actor: Actor,
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @Body() body: unknown,
  ): Promise<MyRatingView> {
    return this.ratings.rate(actor, cycleId, month, body);
  }

  @Post('submission')
  @HttpCode(200)
  @RatersToo()
  @ApiOkResponse(zodResponse('RatingRoundView', ratingRoundView))
  @ApiOperation({
    summary:
      "Submits the caller's ratings of the round (评议提交), once: from then on they are final and a change is refused (409 RATING_SUBMITTED)",
  })
  submit(
    @CurrentActor() actor: Actor,
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
  ): Promise<RatingRoundView> {
    return this.ratings.submit(actor, cycleId, month, { actor, via: 'account' });
  }

  @Post('close')
  @HttpCode(202)
  @Roles('ASSESSOR', 'ADMIN')
  @ApiOperation({
    summary:
      'Closes the open round now instead of at its deadline; the round then writes its values into the reports as at the deadline. Roles: ASSESSOR or ADMIN',
  })
  close(
    @CurrentActor() actor: Actor,
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
  ): Promise<{ closing: true }> {
    return this.ratings.closeNow(actor, cycleId, month);
  }

  @Post('reminders')
  @HttpCode(200)
  @Roles('ASSESSOR', 'ADMIN')
  @ApiZodBody(ratingReminderPressSchema)
  @ApiOperation({
    summary:
      'The reminder button (催评): a reminder through the outbox to every expected rater who has not rated every unit. ' +
      'Idempotent per press (pressId). Roles: ASSESSOR or ADMIN',
  })
  remind(
    @CurrentActor() actor: Actor,
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @Body(zodPipe(ratingReminderPressSchema)) body: RatingReminderPress,
  ): Promise<ReminderPressView> {
    return this.ratings.remind(actor, cycleId, month, body.pressId);
  }

  @Post('links')
  @HttpCode(201)
  @Roles('ASSESSOR', 'ADMIN')
  @ApiZodBody(ratingLinksRequestSchema)
  @ApiOperation({
    summary:
      "Personal single-round links for panel members (one per member; a member's earlier link is revoked). The addresses are shown this once. Roles: ASSESSOR or ADMIN",
  })
  createLinks(
    @CurrentActor() actor: Actor,
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @Body(zodPipe(ratingLinksRequestSchema)) body: RatingLinksRequest,
  ): Promise<{ links: RatingLinkCreated[] }> {
    return this.links.create(actor, cycleId, month, body).then((links) => ({ links }));
  }

  @Post('links/sheet')
  @HttpCode(201)
  @Roles('ASSESSOR', 'ADMIN')
  @ApiZodBody(ratingLinksRequestSchema)
  @ApiProduces('text/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'A printable sheet of QR codes, one per panel member, each a new personal link (earlier ones revoked). Roles: ASSESSOR or ADMIN',
  })
  sheet(
    @CurrentActor() actor: Actor,
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @Body(zodPipe(ratingLinksRequestSchema)) body: RatingLinksRequest,
    @Req() request: Request,
  ): Promise<string> {
    const base = this.linkBase ?? `${request.protocol}://${request.get('host') ?? 'localhost'}`;
    return this.links.sheet(actor, cycleId, month, body, base);
  }

  @Get('links')
  @Roles('ASSESSOR', 'ADMIN')
  @ApiOkResponse(zodResponse('RatingLinksView', ratingLinksView))
  @ApiOperation({
    summary: "The round's personal links: whose, revoked or not, submitted or not. Roles: ASSESSOR or ADMIN",
  })
  listLinks(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
  ): Promise<RatingLinksView> {
    return this.links.list(cycleId, month).then((links) => ({ links }));
  }

  @Delete('links/:linkId')
  @Roles('ASSESSOR', 'ADMIN')
  @ApiOkResponse(zodResponse('RatingLinkView', ratingLinkView))
  @ApiOperation({ summary: 'Revokes a personal link at once. Roles: ASSESSOR or ADMIN' })
  revokeLink(
    @CurrentActor() actor: Actor,
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @Param('linkId') linkId: string,
  ): Promise<RatingLinkView> {
    return this.links.revoke(actor, cycleId, month, linkId);
  }

  @Get('link/:token')
  @Public()
  @ApiOkResponse(zodResponse('LinkRoundView', linkRoundView))
  @ApiOperation({
    summary:
      "A panel member's round through their personal link, signed out: their own scores only. Refused when revoked (410), another round's (403), or submitted (409)",
  })
  openLink(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @Param('token') token: string,
  ): Promise<LinkRoundView> {
    return this.links.open(token, cycleId, month);
  }

  @Put('link/:token/ratings')
  @Public()
  @ApiOkResponse(zodResponse('MyRatingView', myRatingView))
  @ApiOperation({
    summary: "Rates one indicator as the link's member ({ indicatorId, score 0..100 }), until submitted",
  })
  rateByLink(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @Param('token') token: string,
    @Body() body: unknown,
  ): Promise<MyRatingView> {
    return this.links.rate(token, cycleId, month, body);
  }

  @Post('link/:token/submission')
  @HttpCode(200)
  @Public()
  @ApiOkResponse(zodResponse('LinkRoundView', linkRoundView))
  @ApiOperation({ summary: "Submits the link member's ratings, once: the link is used up" })
  submitByLink(
    @Param('cycleId') cycleId: string,
    @Param('month', zodPipe(monthParam)) month: number,
    @Param('token') token: string,
  ): Promise<LinkRoundView> {
    return this.links.submit(token, cycleId, month);
  }
}
