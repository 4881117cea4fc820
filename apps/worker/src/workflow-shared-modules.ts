/**
 * Libraries the workflow bundle loads once per workflow thread and shares between workflows
 * (`preloadModules` of `bundleWorkflowCode`). In the reused V8 context every cached workflow
 * otherwise evaluates its own copy of every module it imports: zod alone, which the rules in
 * libs/domain and libs/contracts import, made two thirds of a cached workflow's memory and of the
 * time it takes to set one up (again at every replay). Only libraries that keep no per-workflow
 * state belong here: they are frozen once loaded.
 */
export * as z from 'zod';
