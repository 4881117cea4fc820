import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@jiebang/config';
import { AccountsController } from './accounts.controller';
import { AccountsImportService } from './accounts-import.service';
import { AccountsService } from './accounts.service';
import { FirstSignInService } from './first-sign-in.service';
import { MeController } from './me.controller';
import { OidcSignInService } from './oidc-sign-in.service';
import { PasswordSignInGuard } from './password-sign-in.guard';
import { SignInController } from './sign-in.controller';
import { SIGN_IN_SETTINGS, signInSettingsOf } from './sign-in-settings';

/** Accounts of the district, each person's own account, and the ways to sign in besides a password. */
@Module({})
export class AccountsModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AccountsModule,
      controllers: [AccountsController, MeController, SignInController],
      providers: [
        { provide: SIGN_IN_SETTINGS, useValue: signInSettingsOf(config) },
        AccountsService,
        AccountsImportService,
        FirstSignInService,
        OidcSignInService,
        PasswordSignInGuard,
      ],
    };
  }
}
