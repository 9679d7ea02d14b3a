/** Median time in ms of `fn` over `runs` runs after `warmup` runs. */
export function timeMedian(fn: () => unknown, runs = 21, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

export async function timeMedianAsync(fn: () => Promise<unknown>, runs = 21, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

/** One aligned line: what, the measurement, the baseline, the ratio, and the target verdict. */
export function line(
  what: string,
  ms: number,
  baselineName: string,
  baselineMs: number,
  target?: { maxMs?: number; maxRatio?: number },
): string {
  const ratio = ms / baselineMs;
  let verdict = '';
  if (target?.maxMs !== undefined)
    verdict +=
      ms <= target.maxMs
        ? `  target <${target.maxMs} ms: met`
        : `  target <${target.maxMs} ms: MISSED by ${(ms - target.maxMs).toFixed(2)} ms (${(ms / target.maxMs).toFixed(2)}x)`;
  if (target?.maxRatio !== undefined)
    verdict +=
      ratio <= target.maxRatio
        ? `  target <${target.maxRatio}x: met`
        : `  target <${target.maxRatio}x: MISSED (${ratio.toFixed(2)}x)`;
  return `${what.padEnd(46)} ${ms.toFixed(3).padStart(10)} ms   vs ${baselineName} ${baselineMs.toFixed(3)} ms   ratio ${ratio.toFixed(2)}x${verdict}`;
}
