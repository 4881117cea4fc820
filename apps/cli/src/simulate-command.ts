import { parseScenarioJson, scenarioResult, withKeyProjects, type Problem } from '@jiebang/contracts';
import { simulate } from '@jiebang/domain';
import { readFailure, type CliIo } from './cli-io';
import { SIMULATE_HELP } from './help';

const OPTIONS = new Set(['--explain']);

/**
 * `jiebang simulate <scenario.json | -> [--explain]`: prints the year's `jiebang-result/1`.
 * Exit 0: done; 1: the scenario is invalid or unreadable; 2: bad usage.
 */
export async function simulateCommand(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(SIMULATE_HELP);
    return 0;
  }
  const unknownOptions = args.filter((arg) => arg.startsWith('-') && arg !== '-' && !OPTIONS.has(arg));
  const sources = args.filter((arg) => arg === '-' || !arg.startsWith('-'));
  if (unknownOptions.length > 0 || sources.length !== 1) {
    const what =
      unknownOptions.length > 0
        ? `unknown option ${unknownOptions.join(', ')}`
        : sources.length === 0
          ? 'say which scenario to simulate'
          : 'give one scenario only';
    io.stderr(
      `jiebang simulate: ${what}\nusage: jiebang simulate <scenario.json | -> [--explain]   (jiebang simulate --help)\n`,
    );
    return 2;
  }
  const [source] = sources;
  const label = source === '-' ? 'standard input' : source;
  let text: string;
  try {
    text = source === '-' ? await io.readStdin() : await io.readFile(source);
  } catch (error) {
    io.stderr(`jiebang simulate: cannot read ${label}: ${readFailure(error)}\n`);
    return 1;
  }
  const validation = parseScenarioJson(text);
  if (!validation.ok) {
    io.stderr(describeProblems(label, validation.problems));
    return 1;
  }
  const result = withKeyProjects(
    scenarioResult(simulate(validation.scenario), { explain: args.includes('--explain') }),
    validation.scenario,
  );
  io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}

function describeProblems(label: string, problems: readonly Problem[]): string {
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return [
    `jiebang simulate: ${label} is not a valid jiebang-scenario/1 document (${count}):`,
    ...problems.map((problem) => `${problem.path}: ${problem.message}`),
    '',
  ].join('\n');
}
