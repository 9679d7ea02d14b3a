/**
 * `ccmacro validate` on hostile input at 1, 2, 4 and 8 MB: the whole check pipeline (schema, tags, render with the
 * built-in sample, …) as the CLI runs it, next to JSON.parse of the same document measured in the same run. What
 * matters is how the time grows: a linear scan doubles with the input (growth 2x per doubling), a quadratic one
 * quadruples (4x) — repeated unterminated `((Title` once took 2.1 s at 1.1 MB and 70 s at 4.5 MB.
 * CPU time (user + system, garbage collection included) is measured, so a busy machine skews it less.
 */
import { createCcmacroService } from '../src/core';
import { ajvMacroSchema } from '../src/cli/schema';
import type { FileSystemLike } from '../src/core/host';
import { fail } from '../src/core/common/result';
import { fileReadError } from '../src/core/common/decode';
import type { BenchReport } from './index';

const SIZES_MB = [1, 2, 4, 8];
/** Growth per doubling above this is not linear (linear: 2; quadratic: 4). */
const MAX_GROWTH = 2.6;

const noFiles: FileSystemLike = {
  readFile: async () => fail(fileReadError('missing')),
  exists: async () => false,
};

interface Input {
  what: string;
  /** A macro of about `bytes` bytes. */
  make(bytes: number): string;
}

const macroWithBody = (body: string) =>
  JSON.stringify({
    name: 'Hostile',
    request: { method: 'POST', url: 'https://example.test/hook', bodyFormat: 'text', body },
  });

const INPUTS: Input[] = [
  {
    what: 'repeated unterminated ((Title',
    make: bytes => macroWithBody('x' + '((Title '.repeat(Math.floor(bytes / 8))),
  },
  {
    // An escape (JSON.stringify writes `"` as \") makes every problem's location a walk over the string's escapes.
    what: 'unknown tags in a string with an escape',
    make: bytes => macroWithBody('"' + '((Nope)) '.repeat(Math.floor(bytes / 9))),
  },
];

async function cpuMs(fn: () => Promise<unknown>): Promise<number> {
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

export async function run(report: BenchReport): Promise<void> {
  const service = createCcmacroService({ fs: noFiles, macroSchema: ajvMacroSchema() });
  const validate = (text: string) => service.validate({ path: '/bench/hostile.ccmacro.json', text });
  for (const input of INPUTS) {
    report(`${input.what}:`);
    // Warm up the JIT (and load the schema) on a small one.
    await validate(input.make(64 * 1024));
    const times: number[] = [];
    for (const mb of SIZES_MB) {
      const text = input.make(mb * 1024 * 1024);
      const baseline = await cpuMs(async () => JSON.parse(text));
      let problems = 0;
      const ms = await cpuMs(async () => {
        problems = (await validate(text)).problems.length;
      });
      times.push(ms);
      const growth = times.length > 1 ? ms / times[times.length - 2] : undefined;
      report(
        `  ${`${mb} MB`.padStart(5)}  validate ${ms.toFixed(0).padStart(6)} ms CPU  (${problems.toLocaleString('en-US')} problems)   vs JSON.parse ${baseline.toFixed(1)} ms   ratio ${(ms / baseline).toFixed(0)}x${growth === undefined ? '' : `   growth ${growth.toFixed(2)}x for 2x the input`}`,
      );
    }
    const perDoubling = Math.pow(times[times.length - 1] / times[0], 1 / (SIZES_MB.length - 1));
    report(
      `  growth per doubling, 1 → 8 MB: ${perDoubling.toFixed(2)}x (linear 2x, quadratic 4x)  target <${MAX_GROWTH}x: ${perDoubling < MAX_GROWTH ? 'met' : 'MISSED'}`,
    );
  }
}
