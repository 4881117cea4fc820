import { Inject, Injectable, Logger } from '@nestjs/common';
import { AccountRepository } from '@jiebang/persistence';
import type { TokenResponse } from '@jiebang/contracts/http/auth';
import { AuthService } from '../auth/auth.service';
import { passwordMatches } from '@jiebang/persistence/passwords';
import { ApiException } from '../common/api-exception';
import { AccountsService } from './accounts.service';

/** Signing in with a temporary password: the person chooses their own, then is signed in. */
@Injectable()
export class FirstSignInService {
  private readonly logger = new Logger('Auth');

  constructor(
    @Inject(AccountRepository) private readonly accountRepository: AccountRepository,
    @Inject(AccountsService) private readonly accounts: AccountsService,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  /** The same answer as sign-in for a wrong name, a wrong password and a disabled account. */
  async changePasswordAndSignIn(
    username: string,
    currentPassword: string,
    newPassword: string,
    requestId: string | undefined,
  ): Promise<TokenResponse> {
    const repository = this.accountRepository;
    const user = await repository.find(username);
    const matches = await passwordMatches(currentPassword, user?.passwordHash ?? undefined);
    if (!user || !matches || user.disabled) {
      this.logger.warn(`refused password change of "${username.slice(0, 64)}" (request ${requestId})`);
      throw new ApiException('INVALID_CREDENTIALS', 'Wrong user name or password');
    }
    if (!user.passwordChangeRequired)
      throw new ApiException(
        'NO_TEMPORARY_PASSWORD',
        'This account has no temporary password: sign in at POST /auth/login and change it at POST /me/password',
      );
    const actor = { userId: user.id, roles: user.roles, unitId: user.unitId ?? undefined, requestId };
    await this.accounts.setOwnPassword(actor, currentPassword, newPassword, undefined);
    return this.auth.openSession((await repository.find(user.id))!, requestId, 'password');
  }
}
