import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleOption } from '@temporalio/worker';
import { resolve } from 'node:path';
import { TRACING_WORKFLOW_INTERCEPTORS, workflowBundlerOptions } from '@jiebang/temporal';

/** The repository (or dist) root and `workflows/index` relative to this file, in the sources and in dist alike. */
const ROOT = resolve(__dirname, '../../..');
const WORKFLOWS_PATH = resolve(ROOT, 'workflows');
/** Loaded once per workflow thread, not once per cached workflow: see workflow-shared-modules.ts. */
const SHARED_WORKFLOW_MODULES = [resolve(__dirname, 'workflow-shared-modules')];
/** The request id in log lines and headers, and the Updates' outcomes for the metrics. */
const WORKFLOW_INTERCEPTOR_MODULES = [resolve(ROOT, 'libs/temporal/src/workflow-interceptors')];

/** The bundler reports every module at info level; a worker's log needs only its problems. */
const quietBundlerLogger = new DefaultLogger('WARN');

/**
 * Bundles `workflows/` as the worker runs it (webpack: seconds of CPU); with `tracing`
 * (OTEL_EXPORTER_OTLP_ENDPOINT) the SDK's OpenTelemetry workflow interceptors too, which make a
 * span of each workflow run, Update, signal and activity scheduled, in the trace of the request.
 */
export async function bundleWorkflows({ tracing = false } = {}): Promise<{ code: string }> {
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    preloadModules: SHARED_WORKFLOW_MODULES,
    workflowInterceptorModules: [...(tracing ? [TRACING_WORKFLOW_INTERCEPTORS] : []), ...WORKFLOW_INTERCEPTOR_MODULES],
    logger: quietBundlerLogger,
    ...workflowBundlerOptions(ROOT),
  });
}

let prebuilt: WorkflowBundleOption | undefined;

/**
 * Makes the workers created from now on in this process run `bundle` (made by `bundleWorkflows`
 * from the same sources) instead of bundling again. The test suites bundle once per run and
 * share it; a deployed worker never calls this.
 */
export function usePrebuiltWorkflowBundle(bundle: WorkflowBundleOption | undefined): void {
  prebuilt = bundle;
}

/** The bundle a worker runs: the prebuilt one if a test gave one, otherwise bundled now. */
export async function workflowBundle({ tracing = false } = {}): Promise<WorkflowBundleOption> {
  return prebuilt ?? (await bundleWorkflows({ tracing }));
}
