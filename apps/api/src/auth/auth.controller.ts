import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '@jiebang/contracts';
import { CurrentActor, Public, RatersToo } from '../common/actor';
import { ApiException } from '../common/api-exception';
import { errorResponse } from '../common/openapi-schemas';
import { CurrentSessionId } from '../common/current-session';
import { RequestId } from '../common/request-context';
import { ApiZodBody, zodPipe } from '../common/zod-body';
import { SignedInUser, SignInResponse, TokenResponse } from '@jiebang/contracts/http/auth';
import { loginBody, refreshBody, type LoginBody, type RefreshBody } from '@jiebang/contracts/http/auth';
import { AuthService } from './auth.service';
import { PasswordSignInGuard } from '../accounts/password-sign-in.guard';
import { PasswordAttempts } from './password-attempts.interceptor';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { signInResponse, signedInUser } from '@jiebang/contracts/http/auth';
import { zodResponse } from '../common/openapi-schemas';

/** The refresh token's cookie: httpOnly (no script reads it) and SameSite=Strict (no other site sends it). */
export const REFRESH_COOKIE = 'jiebang_refresh';
/** Only the sign-in endpoints ever receive it. */
const REFRESH_COOKIE_PATH = '/auth';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(PasswordSignInGuard, LoginThrottlerGuard)
  @UseInterceptors(PasswordAttempts)
  @ApiOperation({
    summary: `Sign in: a short-lived access token; the refresh token only in the httpOnly cookie ${REFRESH_COOKIE}`,
  })
  @ApiOkResponse(zodResponse('SignInResponse', signInResponse))
  @ApiUnauthorizedResponse(errorResponse('INVALID_CREDENTIALS'))
  @ApiForbiddenResponse(
    errorResponse('PASSWORD_CHANGE_REQUIRED (a temporary password: POST /auth/password), PASSWORD_SIGN_IN_DISABLED'),
  )
  @ApiTooManyRequestsResponse(errorResponse('Too many attempts for this user name or from this address'))
  @ApiZodBody(loginBody)
  async login(
    @Body(zodPipe(loginBody)) body: LoginBody,
    @RequestId() requestId: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignInResponse> {
    return withRefreshCookie(request, response, await this.auth.login(body.username, body.password, requestId));
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Exchange a refresh token (once) for new tokens; reusing one revokes the session. The token comes from the ' +
      `body, or else from the httpOnly cookie ${REFRESH_COOKIE} that sign-in and refresh set (the console's way); ` +
      'the new refresh token goes only into that cookie',
  })
  @ApiOkResponse(zodResponse('SignInResponse', signInResponse))
  @ApiUnauthorizedResponse(errorResponse())
  @ApiZodBody(refreshBody)
  async refresh(
    @Body(zodPipe(refreshBody)) body: RefreshBody,
    @RequestId() requestId: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignInResponse> {
    const token = body.refreshToken ?? refreshCookieOf(request);
    if (!token) throw new ApiException('UNAUTHENTICATED', 'No refresh token: sign in again');
    return withRefreshCookie(request, response, await this.auth.refresh(token, requestId));
  }

  @Post('logout')
  @RatersToo()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: revokes the session, its access and refresh tokens' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(
    @CurrentActor() actor: Actor,
    @CurrentSessionId() sessionId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.logout(actor, sessionId);
    response.clearCookie(REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH });
  }

  @Get('me')
  @RatersToo()
  @ApiOperation({ summary: 'Who the access token belongs to: roles and unit' })
  @ApiOkResponse(zodResponse('SignedInUser', signedInUser))
  me(@CurrentActor() actor: Actor): Promise<SignedInUser> {
    return this.auth.whoAmI(actor);
  }
}

/** Sets the refresh cookie and answers the tokens without the refresh token. */
export function withRefreshCookie(request: Request, response: Response, tokens: TokenResponse): SignInResponse {
  response.cookie(REFRESH_COOKIE, tokens.refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    // Plain-HTTP intranets and localhost keep working; behind TLS the cookie is never sent in clear.
    secure: request.secure,
    path: REFRESH_COOKIE_PATH,
    expires: new Date(tokens.refreshTokenExpiresAt),
  });
  return {
    accessToken: tokens.accessToken,
    tokenType: tokens.tokenType,
    expiresIn: tokens.expiresIn,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
    user: tokens.user,
  };
}

function refreshCookieOf(request: Request): string | undefined {
  const cookies = (request as Request & { cookies?: Record<string, unknown> }).cookies;
  const value = cookies?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
