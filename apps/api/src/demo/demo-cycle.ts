import { cycleIdFor } from '../cycles/cycle-id';
import demoDistrict from './district-2026.json';

/** The demo district's cycle id, as its import names it (from the year and the name). */
export const DEMO_CYCLE_ID = cycleIdFor(demoDistrict.year, demoDistrict.name);
