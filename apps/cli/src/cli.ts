import type { CliIo } from './cli-io';
import { MAIN_HELP } from './help';
import { simulateCommand } from './simulate-command';

/** A subcommand: the words that name it and what runs it with the remaining arguments. */
interface Command {
  words: readonly string[];
  run: (args: string[], io: CliIo) => Promise<number>;
}

const COMMANDS: readonly Command[] = [
  { words: ['simulate'], run: simulateCommand },
  // Loaded on demand: it needs Postgres drivers that simulate never should.
  {
    words: ['audit', 'verify'],
    run: async (args, io) => (await import('./audit-verify')).auditVerifyCommand(args, io),
  },
  {
    words: ['users', 'create'],
    run: async (args, io) => (await import('./users-create')).usersCreateCommand(args, io),
  },
];

/** Runs `jiebang <args>` and returns the exit code; every failure is a message on stderr, never a stack. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.stdout(MAIN_HELP);
    return args.length === 0 ? 2 : 0;
  }
  const command = COMMANDS.find(({ words }) => words.every((word, index) => args[index] === word));
  if (!command) {
    io.stderr(`jiebang: unknown command "${args.join(' ')}"\n\n${MAIN_HELP}`);
    return 2;
  }
  try {
    return await command.run(args.slice(command.words.length), io);
  } catch (error) {
    io.stderr(
      `jiebang ${command.words.join(' ')}: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 70;
  }
}
