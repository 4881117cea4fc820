import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/**
 * A digest of `workflows/`: the code version a recording of histories belongs to. (The rules in
 * libs/domain go into the bundle too, but change far more often; old histories replaying under
 * them is what the replay guard checks either way.)
 */
export function workflowCodeDigest(): string {
  const hash = createHash('sha256');
  for (const file of listFiles(join(ROOT, 'workflows')).filter((name) => name.endsWith('.ts')))
    hash.update(relative(ROOT, file)).update(readFileSync(file));
  return hash.digest('hex');
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)]))
    .sort();
}
