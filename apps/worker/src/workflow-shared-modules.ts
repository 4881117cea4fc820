/**
 * Libraries the workflow bundle loads once per workflow thread and shares between workflows
 * (`preloadModules` of `bundleWorkflowCode`). In the reused V8 context every cached workflow
 * otherwise evaluates its own copy of every module it imports: zod alone, which the rules in
 * libs/domain and libs/contracts import, made two thirds of a cached workflow's memory and most of
 * the time it takes to set one up (again at every replay). Only libraries that keep no
 * per-workflow state belong here: the SDK freezes them once loaded (a workflow that changed one
 * of their objects would fail, as the workflow tests would show).
 */
import * as z from 'zod';

// zod writes its defaults (English messages, the memoizer) to its global config when the first
// schema is built and parsed: done here, before the shared copy is frozen.
z.object({ warm: z.string() }).safeParse({ warm: '' });

export { z };

// The rules and the shared shapes: pure functions, constants and zod schemas that no workflow
// parses with. Evaluated once per thread instead of at every workflow's start and replay (about a
// fifth of the CPU of replaying a unit's month), and one copy in memory.
export * as domain from '@jiebang/domain';
export * as contracts from '@jiebang/contracts';
