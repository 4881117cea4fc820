import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one shape of every 4xx and 5xx answer. */
export class ErrorBody {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'INVALID_SCENARIO' })
  code!: string;

  @ApiProperty({ example: 'The scenario has 2 problems' })
  message!: string;

  @ApiPropertyOptional({
    description:
      'What exactly was wrong, e.g. a list of { path, message, code } (code: one of libs/contracts PROBLEM_CODES, for programs; message: for people)',
  })
  details?: unknown;
}
