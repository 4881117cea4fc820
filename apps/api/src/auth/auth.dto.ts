import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import type { Role } from '@jiebang/contracts';
import { ROLES } from '@jiebang/domain';

export class SignedInUser {
  @ApiProperty({ example: 'demo-head' }) userId!: string;
  @ApiProperty({ example: '发改局局长 (demo)' }) displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiPropertyOptional({ nullable: true, description: 'The unit UNIT_* roles act for' }) unitId!: string | null;
}

export class TokenResponse {
  @ApiProperty({ description: 'Send as "Authorization: Bearer <accessToken>"' }) accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 }) expiresIn!: number;
  @ApiProperty({ description: 'Exchange at POST /auth/refresh for new tokens; used once' }) refreshToken!: string;
  @ApiProperty({ format: 'date-time' }) refreshTokenExpiresAt!: string;
  @ApiProperty({ type: SignedInUser }) user!: SignedInUser;
}

/**
 * What a sign-in answers: the tokens without the refresh token, which goes only into the
 * httpOnly cookie (no script, and no log of response bodies, ever sees it).
 */
export class SignInResponse extends OmitType(TokenResponse, ['refreshToken'] as const) {}
