import { isPortFree } from '@jiebang/devstack/free-port';
import { temporalServerPorts } from '@jiebang/devstack/temporal-server';

/** A TEMPORAL_PORT whose whole layout of ports (all below 32768) is free now. */
export async function freeTemporalBase(): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    const ports = Object.values(temporalServerPorts(base, 0)).filter((port) => port > 0);
    const free = await Promise.all(ports.map((port) => isPortFree(port)));
    if (free.every(Boolean)) return base;
  }
}
