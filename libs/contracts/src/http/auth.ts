import { z } from 'zod';
import { token } from './fields';

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
