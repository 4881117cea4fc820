import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one shape of every 4xx and 5xx answer. */
export class ErrorBody {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'INVALID_SCENARIO' })
  code!: string;

  @ApiProperty({ example: 'The scenario has 2 problems' })
  message!: string;

  @ApiPropertyOptional({ description: 'What exactly was wrong, e.g. a list of { path, message }' })
  details?: unknown;

  @ApiPropertyOptional({
    description:
      "What the refusal is about, as values (e.g. { unit: 'u03', cycle: '2026-x' }), so that a client can say it in its own language from the code",
    example: { unit: 'u03', cycle: '2026-district' },
  })
  params?: Record<string, string | number>;
}
