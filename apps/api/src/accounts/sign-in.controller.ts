import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { changeTemporaryPasswordSchema, type SignInMethods } from '@jiebang/contracts/account';
import { SignInResponse, TokenResponse } from '@jiebang/contracts/http/auth';
import { withRefreshCookie } from '../auth/auth.controller';
import { PasswordAttempts } from '../auth/password-attempts.interceptor';
import { LoginThrottlerGuard } from '../auth/login-throttler.guard';
import { Public } from '../common/actor';
import { ApiException } from '../common/api-exception';
import { errorResponse } from '../common/openapi-schemas';
import { RequestId } from '../common/request-context';
import { ApiZodBody, zodPipe } from '../common/zod-body';
import { FirstSignInService } from './first-sign-in.service';
import { OidcSignInService } from './oidc-sign-in.service';
import { PasswordSignInGuard } from './password-sign-in.guard';
import { SIGN_IN_SETTINGS, type SignInSettings } from './sign-in-settings';
import { signInMethods } from '@jiebang/contracts/account';
import { zodResponse } from '../common/openapi-schemas';
import { signInResponse, tokenResponse } from '@jiebang/contracts/http/auth';

/** The ways in besides POST /auth/login: a temporary password's change, the district's identity provider. */
@ApiTags('auth')
@Controller('auth')
export class SignInController {
  constructor(
    @Inject(SIGN_IN_SETTINGS) private readonly settings: SignInSettings,
    @Inject(FirstSignInService) private readonly firstSignIn: FirstSignInService,
    @Inject(OidcSignInService) private readonly oidc: OidcSignInService,
  ) {}

  @Get('methods')
  @Public()
  @ApiOperation({ summary: 'How people sign in here: password, identity provider (OpenID Connect) or both' })
  @ApiOkResponse(zodResponse('SignInMethods', signInMethods))
  methods(): SignInMethods {
    return { password: this.settings.passwordSignIn, oidc: this.settings.oidc !== undefined };
  }

  @Post('password')
  @Public()
  @HttpCode(200)
  @UseGuards(PasswordSignInGuard, LoginThrottlerGuard)
  @UseInterceptors(PasswordAttempts)
  @ApiOperation({ summary: 'Replace a (temporary) password with one of your own, and sign in' })
  @ApiZodBody(changeTemporaryPasswordSchema)
  @ApiOkResponse(zodResponse('SignInResponse', signInResponse))
  @ApiUnauthorizedResponse(errorResponse('INVALID_CREDENTIALS'))
  async changePassword(
    @Body(zodPipe(changeTemporaryPasswordSchema)) body: z.output<typeof changeTemporaryPasswordSchema>,
    @RequestId() requestId: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignInResponse> {
    const tokens = await this.firstSignIn.changePasswordAndSignIn(
      body.username,
      body.currentPassword,
      body.newPassword,
      requestId,
    );
    return withRefreshCookie(request, response, tokens);
  }

  @Get('oidc/login')
  @Public()
  @ApiOperation({ summary: "Sign in with the district's identity provider: redirects there (code flow, PKCE)" })
  @ApiFoundResponse({ description: "To the identity provider's sign-in page" })
  async oidcLogin(@Res() response: Response): Promise<void> {
    response.redirect(302, await this.oidc.authorizationUrl());
  }

  @Get('oidc/callback')
  @Public()
  @ApiOperation({
    summary:
      'Where the identity provider sends the browser back: tokens (JSON, or a redirect to OIDC_SIGNED_IN_REDIRECT with them in the fragment; a refusal then redirects there too, with #signInRefused=<code>&message=<why>)',
  })
  @ApiOkResponse(zodResponse('TokenResponse', tokenResponse))
  @ApiUnauthorizedResponse(errorResponse('OIDC_SIGN_IN_FAILED'))
  @ApiForbiddenResponse(errorResponse('OIDC_ACCOUNT_UNKNOWN: no enabled account for that person'))
  async oidcCallback(
    @Query() query: Record<string, string>,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TokenResponse | void> {
    let tokens: TokenResponse;
    try {
      tokens = await this.oidc.finish(query, requestId);
    } catch (error) {
      // A browser sent back to the console learns there why it was refused, instead of meeting bare JSON.
      const refusedRedirect = error instanceof ApiException ? this.oidc.refusedRedirect(error) : undefined;
      if (!refusedRedirect) throw error;
      return response.redirect(302, refusedRedirect);
    }
    const redirect = this.oidc.signedInRedirect(tokens);
    if (!redirect) return tokens;
    response.redirect(302, redirect);
  }
}
