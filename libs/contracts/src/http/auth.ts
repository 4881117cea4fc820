import { z } from 'zod';
import { token } from './fields';
import { ROLES } from '@jiebang/domain/roles';

export const loginBody = z.strictObject({
  username: token(64).meta({ example: 'demo-head' }),
  password: z.string().min(1).max(256).meta({ example: 'jiebang-demo', format: 'password' }),
});

export const refreshBody = z.strictObject({
  refreshToken: token(512)
    .optional()
    .describe('The refresh token from the last login or refresh; each is used once. Without it, the cookie is used'),
});

export type LoginBody = z.infer<typeof loginBody>;
export type RefreshBody = z.infer<typeof refreshBody>;

// Answers

export const signedInUser = z.object({
  userId: z.string().meta({ example: 'demo-head' }),
  displayName: z.string().meta({ example: '发改局局长 (demo)' }),
  roles: z.array(z.enum(ROLES)),
  unitId: z.string().nullable().describe('The unit UNIT_* roles act for'),
});
export type SignedInUser = z.infer<typeof signedInUser>;

export const tokenResponse = z.object({
  accessToken: z.string().describe('Send as "Authorization: Bearer <accessToken>"'),
  tokenType: z.literal('Bearer').meta({ example: 'Bearer' }),
  expiresIn: z.number().describe('Seconds until the access token expires').meta({ example: 900 }),
  refreshToken: z.string().describe('Exchange at POST /auth/refresh for new tokens; used once'),
  refreshTokenExpiresAt: z.iso.datetime(),
  user: signedInUser,
});
export type TokenResponse = z.infer<typeof tokenResponse>;

/**
 * What a sign-in answers: the tokens without the refresh token, which goes only into the
 * httpOnly cookie (no script, and no log of response bodies, ever sees it).
 */
export const signInResponse = tokenResponse.omit({ refreshToken: true });
export type SignInResponse = z.infer<typeof signInResponse>;
