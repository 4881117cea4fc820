import { type DynamicModule, Global, Module } from '@nestjs/common';
import { oidcSettingsOf, type AppConfig } from '@jiebang/config';
import { AccountsController } from './accounts.controller';
import { AccountsImportService } from './accounts-import.service';
import { AccountsService } from './accounts.service';
import { FirstSignInService } from './first-sign-in.service';
import { MeController } from './me.controller';
import { OidcSignInService } from './oidc-sign-in.service';
import { PasswordSignInGuard } from './password-sign-in.guard';
import { SignInController } from './sign-in.controller';
import { SIGN_IN_SETTINGS, type SignInSettings } from './sign-in-settings';

/** Accounts of the district, each person's own account, and the ways to sign in besides a password. */
@Global()
@Module({})
export class AccountsModule {
  static register(config: AppConfig): DynamicModule {
    const settings: SignInSettings = { passwordSignIn: config.PASSWORD_SIGN_IN, oidc: oidcSettingsOf(config) };
    return {
      module: AccountsModule,
      controllers: [AccountsController, MeController, SignInController],
      providers: [
        { provide: SIGN_IN_SETTINGS, useValue: settings },
        AccountsService,
        AccountsImportService,
        FirstSignInService,
        OidcSignInService,
        PasswordSignInGuard,
      ],
      // The guard closes POST /auth/login too when password sign-in is off.
      exports: [SIGN_IN_SETTINGS, PasswordSignInGuard],
    };
  }
}
