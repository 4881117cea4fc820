import { type DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { jwtSecretOf, type AppConfig } from '@jiebang/config';
import { AccessTokens } from './access-tokens.service';
import { JWT_AUDIENCE, JWT_ISSUER } from './auth.constants';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LOGIN_THROTTLERS, LoginThrottlerGuard } from './login-throttler.guard';
import { UsersService } from './users.service';

/** Sign-in and sessions; exports what ActorGuard needs to identify every request. */
@Global()
@Module({})
export class AuthModule {
  static register(config: Pick<AppConfig, 'JWT_SECRET' | 'NODE_ENV' | 'JIEBANG_DATA_DIR'>): DynamicModule {
    const { secret, generated } = jwtSecretOf(config);
    if (generated)
      new Logger('Auth').warn(
        `JWT_SECRET is not set: tokens are signed with the key generated in ${generated} (owner-only). Set JWT_SECRET (32+ characters) for a deployment; production refuses to start without it.`,
      );
    return {
      module: AuthModule,
      imports: [
        JwtModule.register({
          secret,
          signOptions: { algorithm: 'HS256', issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
          verifyOptions: { algorithms: ['HS256'], issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
        }),
        ThrottlerModule.forRoot({ throttlers: LOGIN_THROTTLERS }),
      ],
      controllers: [AuthController],
      providers: [AccessTokens, AuthService, UsersService, LoginThrottlerGuard],
      exports: [AccessTokens, AuthService, UsersService],
    };
  }
}
