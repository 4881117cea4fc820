import { type DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { ThrottlerModule } from '@nestjs/throttler';
import { jwtSecretOf, type AppConfig } from '@jiebang/config';
import { PasswordSignInGuard } from '../accounts/password-sign-in.guard';
import { SIGN_IN_SETTINGS, signInSettingsOf } from '../accounts/sign-in-settings';
import { AccessTokens } from './access-tokens.service';
import { JWT_AUDIENCE, JWT_ISSUER } from './auth.constants';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LOGIN_THROTTLERS, LoginThrottlerGuard } from './login-throttler.guard';
import { UsersService } from './users.service';

/**
 * Sign-in and sessions; exports what ActorGuard, the guard on every route, needs to identify
 * every request (global for that reason).
 */
@Global()
@Module({})
export class AuthModule {
  static register(config: AppConfig): DynamicModule {
    const { secret, generated } = jwtSecretOf(config);
    if (generated)
      new Logger('Auth').warn(
        `JWT_SECRET is not set: tokens are signed with the key generated in ${generated} (owner-only). Set JWT_SECRET (32+ characters) for a deployment; production refuses to start without it.`,
      );
    return {
      module: AuthModule,
      imports: [
        JwtModule.register({
          // A key object, not the string: for a string, jsonwebtoken first tries (and fails) to read it
          // as a public key on every verification, a tenth of the API's CPU under load (issue 15).
          secret: createSecretKey(Buffer.from(secret)),
          signOptions: { algorithm: 'HS256', issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
          verifyOptions: { algorithms: ['HS256'], issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
        }),
        ThrottlerModule.forRoot({ throttlers: LOGIN_THROTTLERS }),
      ],
      controllers: [AuthController],
      // PasswordSignInGuard closes POST /auth/login too when password sign-in is off.
      providers: [
        AccessTokens,
        AuthService,
        UsersService,
        LoginThrottlerGuard,
        PasswordSignInGuard,
        { provide: SIGN_IN_SETTINGS, useValue: signInSettingsOf(config) },
      ],
      exports: [AccessTokens, AuthService, UsersService],
    };
  }
}
