/**
 * Runs a benchmark file's `main` when the file is run on its own (npx tsx bench/<name>.bench.ts):
 * exit 0 when it finished, 1 with the stack when it failed.
 */
export function runWhenMain(module: NodeModule, name: string, main: () => Promise<void>): void {
  if (require.main !== module) return;
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `${name} benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
