import { readFileSync } from 'node:fs';

/** What /proc/<pid>/status says about a process's memory, in MB. */
export interface MemoryReading {
  rssMb: number;
  /** VmHWM: the kernel's own peak of the resident set since the process started. */
  peakRssMb: number;
}

export function readMemory(pid: number): MemoryReading | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined; // the process has exited
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/** Samples VmRSS every `intervalMs` and keeps the peak, alongside the kernel's VmHWM. */
export class MemorySampler {
  peakSampledMb = 0;
  lastMb = 0;
  kernelPeakMb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 250,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    const reading = readMemory(this.pid);
    if (!reading) return;
    this.lastMb = reading.rssMb;
    this.peakSampledMb = Math.max(this.peakSampledMb, reading.rssMb);
    this.kernelPeakMb = Math.max(this.kernelPeakMb, reading.peakRssMb);
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}
