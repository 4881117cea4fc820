import type { Readable } from 'node:stream';

/**
 * Cuts a stream of text chunks into whole lines: a chunk may end mid-line, and one
 * chunk may carry many lines.
 */
export class LineSplitter {
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  /** Feeds a chunk; calls `onLine` for every line it completes. */
  push(chunk: string): void {
    const lines = (this.pending + chunk).split(/\r?\n/);
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.onLine(line);
  }

  /** Emits the unterminated last line, if any. */
  flush(): void {
    if (this.pending === '') return;
    const line = this.pending;
    this.pending = '';
    this.onLine(line);
  }
}

/** Calls `onLine` for every line a readable stream emits, including an unterminated last one. */
export function forEachLine(stream: Readable, onLine: (line: string) => void): void {
  const splitter = new LineSplitter(onLine);
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => splitter.push(chunk));
  stream.on('end', () => splitter.flush());
}

const COLOURS = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, grey: 90 } as const;

/** A terminal colour for a prefix. */
export type Colour = keyof typeof COLOURS;

/** Whether to colour output written to `stream` (a terminal, and `NO_COLOR` unset). */
export function supportsColour(stream: NodeJS.WriteStream = process.stdout): boolean {
  return stream.isTTY === true && process.env.NO_COLOR === undefined;
}

/** Wraps text in an ANSI colour when colour is on. */
export function paint(text: string, colour: Colour, enabled = supportsColour()): string {
  return enabled ? `\u001b[${COLOURS[colour]}m${text}\u001b[0m` : text;
}

/**
 * A line writer that puts `[label] ` in front of every line, so the output of several
 * processes stays readable when interleaved.
 */
export function linePrefixer(
  label: string,
  options: { colour?: Colour; out?: NodeJS.WriteStream } = {},
): (line: string) => void {
  const out = options.out ?? process.stdout;
  const prefix = `[${label}] `;
  const shown = options.colour === undefined ? prefix : paint(prefix, options.colour, supportsColour(out));
  return (line) => {
    out.write(`${shown}${line}\n`);
  };
}
