import * as path from 'node:path';
import { formatFileReadError, isAccessFailure } from '../core/common/decode';
import { fail, ok, type Result } from '../core/common/result';
import type { FileSystemLike } from '../core/host';
import { outsideRefusal, type SampleReach } from '../core/samples/reach';
import { EXIT_PROBLEMS, UsageError, type CliIO } from './io';

/**
 * A --sample value as loadSampleForMacro takes it: "builtin:ID" as is, a path made absolute against
 * where the command runs (the macro's own "samples" entries are relative to the macro's folder instead).
 */
export async function resolveSampleOption(
  value: string | undefined,
  cwd: string,
  fs: FileSystemLike,
): Promise<string | undefined> {
  if (value === undefined || value.startsWith('builtin:')) return value;
  const abs = path.resolve(cwd, value);
  if (!(await fs.exists(abs))) throw new UsageError(`cannot read sample ${value}: no such file`);
  return abs;
}

/** The options `render` and `send` share, for node:util parseArgs. */
export const SAMPLE_ARG_OPTIONS = {
  sample: { type: 'string' },
  'sample-index': { type: 'string' },
  'allow-missing': { type: 'boolean' },
  'allow-outside': { type: 'boolean' },
  'allow-outside-samples': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * A flag that takes a whole number from `min` to `max` (`--sample-index 2`, `--timeout 5000`); undefined when not
 * given. Anything else is a usage error (exit 2).
 */
export function wholeNumberOption(
  flag: string,
  value: string | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < min)
    throw new UsageError(`${flag} needs a whole number${min > 0 ? ` of at least ${min}` : ' from 0'}, got "${value}"`);
  if (Number(value) > max)
    throw new UsageError(`${flag} can be at most ${max.toLocaleString('en-US').replace(/,/g, '')}, got "${value}"`);
  return Number(value);
}

/** The one macro file `render` and `send` act on. */
export function oneMacroFile(positionals: readonly string[], command: string): string {
  if (positionals.length === 1) return positionals[0];
  throw new UsageError(
    positionals.length === 0
      ? `which macro? Usage: ccmacro ${command} FILE [options] (see --help)`
      : `${command} takes one macro file, got ${positionals.length}`,
  );
}

/**
 * The text of the macro file `render` and `send` act on. A file out of reach (missing, a folder or device, a
 * symbolic-link loop, no permission) is a usage error (exit 2); one that is there but not usable (not UTF-8 text,
 * over 10 MB) is printed as a problem in it and gives exit code 1, as `validate` reports it.
 */
export async function readMacroFile(
  fs: FileSystemLike,
  file: string,
  shown: string,
  io: CliIO,
  reach?: SampleReach,
): Promise<Result<string, number>> {
  // A macro file outside its tree (a link out of the repository) is refused unread, as validate and test refuse it.
  const refusal = await outsideRefusal(file, reach);
  const read = refusal ? fail(refusal) : await fs.readFile(file);
  if (read.ok) return ok(read.value);
  if (isAccessFailure(read.error)) throw new UsageError(`cannot read ${shown}: ${read.error.message}`);
  io.stderr(formatFileReadError(shown, read.error) + '\n');
  return fail(EXIT_PROBLEMS);
}

/** `--max-warnings N` for `validate` and `test`, as ESLint has it (the options parseArgs takes). */
export const MAX_WARNINGS_OPTIONS = { 'max-warnings': { type: 'string' } } as const;

export const MAX_WARNINGS_HELP = `  --max-warnings N
                exit 1 when there are more than N warnings (0: any warning fails); -1 or none: no limit`;

/**
 * The `--max-warnings` value: a whole number from 0, or -1 (as ESLint: no limit, also the default). Undefined means
 * no limit; anything else is a usage error.
 */
export function maxWarningsOption(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '-1') return undefined;
  return wholeNumberOption('--max-warnings', value, 0);
}

/**
 * When `warnings` is over the `--max-warnings` limit, the line that says so (for stderr: the report on stdout stays
 * what its format is), else undefined.
 */
export function tooManyWarnings(command: string, warnings: number, max: number | undefined): string | undefined {
  if (max === undefined || warnings <= max) return undefined;
  return `ccmacro ${command}: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${max} allows: exit code 1\n`;
}

/**
 * `--max-warnings -1` as ESLint takes it: parseArgs reads a value starting with "-" as another option, so a negative
 * number after the flag is joined to it (`--max-warnings=-1`) before parsing.
 */
export function joinNegativeMaxWarnings(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    // After "--" every word is a path, kept as it is.
    if (argv[i] === '--') return out.concat(argv.slice(i));
    if (argv[i] === '--max-warnings' && /^-\d+$/.test(argv[i + 1] ?? '')) out.push(`--max-warnings=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}
