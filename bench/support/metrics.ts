/**
 * Prometheus text read from a process's /metrics: the worker's (Temporal Core: its sticky cache's
 * hits, misses and evictions, the workflow tasks it ran) and the dev server's (the Queries it was
 * sent). Samples of one metric are summed over their labels unless `labels` narrows them.
 */
export type MetricSnapshot = Array<{ name: string; labels: string; value: number }>;

export async function scrapeMetrics(url: string | undefined): Promise<MetricSnapshot> {
  if (!url) return [];
  try {
    const response = await fetch(url);
    if (!response.ok) return [];
    const samples: MetricSnapshot = [];
    for (const line of (await response.text()).split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
      if (match) samples.push({ name: match[1]!, labels: match[2] ?? '', value: Number(match[3]) });
    }
    return samples;
  } catch {
    return [];
  }
}

/** The sum of the samples named `name` (or `name_total`) whose labels contain every part of `labels`. */
export function metricValue(snapshot: MetricSnapshot, name: string, ...labels: string[]): number {
  const samples = snapshot.filter(
    (sample) =>
      (sample.name === name || sample.name === `${name}_total`) &&
      labels.every((label) => sample.labels.includes(label)),
  );
  return samples.length === 0 ? NaN : samples.reduce((sum, sample) => sum + sample.value, 0);
}

/** How much a counter grew between two snapshots. */
export function metricDelta(before: MetricSnapshot, after: MetricSnapshot, name: string, ...labels: string[]): number {
  return metricValue(after, name, ...labels) - (metricValue(before, name, ...labels) || 0);
}

/** What the worker's cache and the server's Queries did between two snapshots, in one line. */
export interface WorkflowCacheFigures {
  cacheHits: number;
  cacheMisses: number;
  forcedEvictions: number;
  queries: number;
}

export function cacheFigures(
  worker: [MetricSnapshot, MetricSnapshot],
  server: [MetricSnapshot, MetricSnapshot],
): WorkflowCacheFigures {
  return {
    cacheHits: metricDelta(...worker, 'temporal_sticky_cache_hit'),
    cacheMisses: metricDelta(...worker, 'temporal_sticky_cache_miss'),
    forcedEvictions: metricDelta(...worker, 'temporal_sticky_cache_total_forced_eviction'),
    queries: metricDelta(...server, 'service_requests', 'operation="QueryWorkflow"'),
  };
}

export function describeCache(figures: WorkflowCacheFigures): string {
  const show = (value: number) => (Number.isFinite(value) ? String(Math.round(value)) : '?');
  return `worker cache ${show(figures.cacheHits)} hits, ${show(figures.cacheMisses)} misses, ${show(figures.forcedEvictions)} forced evictions; ${show(figures.queries)} Queries sent to the server`;
}
