/** Where a benchmark runs: `BENCH_TOPOLOGY=cluster` for `npm run start:cluster`'s, else one dev server. */
export type BenchTopology = 'dev-server' | 'cluster';

export function benchTopology(): BenchTopology {
  const topology = process.env.BENCH_TOPOLOGY ?? 'dev-server';
  if (topology !== 'dev-server' && topology !== 'cluster')
    throw new Error(`BENCH_TOPOLOGY is "${topology}": it is "dev-server" (the default) or "cluster"`);
  return topology;
}

/** How a figure's name says it was measured on the cluster; dev server figures keep their plain names. */
export function topologyLabel(name: string): string {
  return benchTopology() === 'cluster' ? `[cluster] ${name}` : name;
}
