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
