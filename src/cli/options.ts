import * as path from 'node:path';
import type { FileSystemLike } from '../core/host';
import { UsageError } from './io';

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
  help: { type: 'boolean', short: 'h' },
} as const;

/** A flag that takes a whole number of at least `min` (`--sample-index 2`, `--timeout 5000`); undefined when not given. */
export function wholeNumberOption(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < min)
    throw new UsageError(`${flag} needs a whole number${min > 0 ? ` of at least ${min}` : ' from 0'}, got "${value}"`);
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
