import { Body, Controller, Get, HttpCode, Inject, Patch, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { changeOwnPasswordSchema, updateOwnAccountSchema, type AccountView } from '@jiebang/contracts/account';
import type { Actor } from '@jiebang/contracts';
import { PasswordAttempts } from '../auth/password-attempts.interceptor';
import { LoginThrottlerGuard } from '../auth/login-throttler.guard';
import { CurrentActor, RatersToo } from '../common/actor';
import { errorResponse } from '../common/openapi-schemas';
import { CurrentSessionId } from '../common/current-session';
import { ApiZodBody, zodPipe } from '../common/zod-body';
import { AccountsService, type UpdateOwnAccountInput } from './accounts.service';
import type { z } from 'zod';
import { accountView } from '@jiebang/contracts/account';
import { zodResponse } from '../common/openapi-schemas';

/** Each person's own account. */
@ApiTags('accounts')
@Controller('me')
@RatersToo()
export class MeController {
  constructor(@Inject(AccountsService) private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({ summary: 'My account: roles, unit, contact details, language' })
  @ApiOkResponse(zodResponse('AccountView', accountView))
  me(@CurrentActor() actor: Actor): Promise<AccountView> {
    return this.accounts.own(actor);
  }

  @Patch()
  @ApiOperation({ summary: 'Set my contact details (how messages reach me) and language' })
  @ApiZodBody(updateOwnAccountSchema)
  @ApiOkResponse(zodResponse('AccountView', accountView))
  @ApiBadRequestResponse(errorResponse())
  update(
    @CurrentActor() actor: Actor,
    @Body(zodPipe(updateOwnAccountSchema)) body: UpdateOwnAccountInput,
  ): Promise<AccountView> {
    return this.accounts.updateOwn(actor, body);
  }

  @Post('password')
  @HttpCode(204)
  @UseGuards(LoginThrottlerGuard)
  @UseInterceptors(PasswordAttempts)
  @ApiOperation({
    summary:
      'Change my password (the current one required); my other sessions end. Counted with sign-in attempts (429 when too many)',
  })
  @ApiZodBody(changeOwnPasswordSchema)
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiBadRequestResponse(errorResponse('WRONG_CURRENT_PASSWORD, WEAK_PASSWORD'))
  changePassword(
    @CurrentActor() actor: Actor,
    @CurrentSessionId() sessionId: string | undefined,
    @Body(zodPipe(changeOwnPasswordSchema)) body: z.output<typeof changeOwnPasswordSchema>,
  ): Promise<void> {
    return this.accounts.changeOwnPassword(actor, sessionId, body.currentPassword, body.newPassword);
  }
}
