import { z } from 'zod';
import { token } from '../common/schemas';

export const loginBody = z.strictObject({
  username: token(64).meta({ example: 'demo-head' }),
  password: z.string().min(1).max(256).meta({ example: 'jiebang-demo', format: 'password' }),
});

export const refreshBody = z.strictObject({
  refreshToken: token(512).describe('The refresh token from the last login or refresh; each is used once'),
});

export type LoginBody = z.infer<typeof loginBody>;
export type RefreshBody = z.infer<typeof refreshBody>;
