// Phase timings of one build, for `npm run build -- --verbose` and the benchmark.
// Recorded by whoever runs the phase (the build command, the Eleventy plugin), read once at the end.

const phases: Record<string, number> = {};

export async function timed<T>(phase: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    phases[phase] = (phases[phase] ?? 0) + (performance.now() - started);
  }
}

export function recordPhase(phase: string, ms: number): void {
  phases[phase] = (phases[phase] ?? 0) + ms;
}

/** Milliseconds per phase, rounded. */
export function phaseTimes(): Record<string, number> {
  return Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)]));
}
