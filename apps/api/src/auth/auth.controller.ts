import { Body, Controller, Get, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '../../../../libs/contracts/src';
import { CurrentActor, Public, SignedIn } from '../common/actor';
import { ErrorBody } from '../common/error-body';
import { CurrentSessionId } from '../common/current-session';
import { RequestId } from '../common/request-context';
import { ApiZodBody, zodPipe } from '../common/zod-body';
import { SignedInUser, TokenResponse } from './auth.dto';
import { loginBody, refreshBody, type LoginBody, type RefreshBody } from './auth.schemas';
import { AuthService } from './auth.service';
import { PasswordSignInGuard } from '../accounts/password-sign-in.guard';
import { LoginThrottlerGuard } from './login-throttler.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(PasswordSignInGuard, LoginThrottlerGuard)
  @ApiOperation({ summary: 'Sign in: a short-lived access token and a refresh token' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({ type: ErrorBody, description: 'INVALID_CREDENTIALS' })
  @ApiForbiddenResponse({
    type: ErrorBody,
    description: 'PASSWORD_CHANGE_REQUIRED (a temporary password: POST /auth/password), PASSWORD_SIGN_IN_DISABLED',
  })
  @ApiTooManyRequestsResponse({
    type: ErrorBody,
    description: 'Too many attempts for this user name or from this address',
  })
  @ApiZodBody(loginBody)
  login(@Body(zodPipe(loginBody)) body: LoginBody, @RequestId() requestId: string | undefined): Promise<TokenResponse> {
    return this.auth.login(body.username, body.password, requestId);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token (once) for new tokens; reusing one revokes the session' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({ type: ErrorBody })
  @ApiZodBody(refreshBody)
  refresh(
    @Body(zodPipe(refreshBody)) body: RefreshBody,
    @RequestId() requestId: string | undefined,
  ): Promise<TokenResponse> {
    return this.auth.refresh(body.refreshToken, requestId);
  }

  @Post('logout')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: revokes the session, its access and refresh tokens' })
  @ApiNoContentResponse({ description: 'Signed out' })
  logout(@CurrentActor() actor: Actor, @CurrentSessionId() sessionId: string): Promise<void> {
    return this.auth.logout(actor, sessionId);
  }

  @Get('me')
  @SignedIn()
  @ApiOperation({ summary: 'Who the access token belongs to: roles and unit' })
  @ApiOkResponse({ type: SignedInUser })
  me(@CurrentActor() actor: Actor): Promise<SignedInUser> {
    return this.auth.whoAmI(actor);
  }
}
