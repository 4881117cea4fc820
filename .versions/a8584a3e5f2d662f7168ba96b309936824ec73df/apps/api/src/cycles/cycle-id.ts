import { createHash } from 'node:crypto';

/**
 * A cycle's id from its business keys (year and name), so re-posting the same
 * cycle finds it instead of creating another: "Demo district 2026" -> "2026-demo-district-2026".
 * Names without Latin letters or digits (区发改局) get a short digest instead.
 */
export function cycleIdFor(year: number, name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  const readable =
    slug.replace(/-/g, '').length >= 3 ? slug : createHash('sha256').update(name).digest('hex').slice(0, 10);
  return `${year}-${readable}`;
}
