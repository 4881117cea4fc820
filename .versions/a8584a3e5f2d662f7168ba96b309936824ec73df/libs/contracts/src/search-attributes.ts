import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Search attributes the workflows set, so the Temporal UI and the admin API filter by them.
 * The dev server, docker-compose and the tests register exactly this list.
 */
export const SEARCH_ATTRIBUTES = [
  { name: 'CycleId', type: 'Keyword' },
  { name: 'UnitId', type: 'Keyword' },
  { name: 'Phase', type: 'Keyword' },
  { name: 'Month', type: 'Int' },
] as const;

export const CYCLE_ID = defineSearchAttributeKey('CycleId', SearchAttributeType.KEYWORD);
export const UNIT_ID = defineSearchAttributeKey('UnitId', SearchAttributeType.KEYWORD);
export const PHASE = defineSearchAttributeKey('Phase', SearchAttributeType.KEYWORD);
export const MONTH = defineSearchAttributeKey('Month', SearchAttributeType.INT);
