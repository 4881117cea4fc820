/**
 * Search attributes the workflows set, so the Temporal UI and the admin API filter by them
 * (their typed keys are in `@jiebang/contracts/temporal`).
 * The dev server, docker-compose and the tests register exactly this list.
 */
export const SEARCH_ATTRIBUTES = [
  { name: 'CycleId', type: 'Keyword' },
  { name: 'UnitId', type: 'Keyword' },
  { name: 'Phase', type: 'Keyword' },
  { name: 'Month', type: 'Int' },
] as const;
