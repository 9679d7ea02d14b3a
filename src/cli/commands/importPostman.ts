import * as path from 'node:path';
import { formatProblem } from '../../core/common/problem';
import { pathRefusal } from '../../core/common/tree';
import { LineIndex } from '../../core/common/text';
import { createCcmacroService } from '../../core';
import { ENVIRONMENTS_FILE } from '../../core/macro/fileName';
import { nodeFileSystem } from '../nodeFs';
import { EXIT_PROBLEMS, UsageError, type CliIO } from '../io';
import { displayName } from '../macroFiles';
import { nodePathKind } from '../tree';
import { readInput, writeImported, type ImportOptions } from '../imported';

/** `ccmacro import postman COLLECTION.json [--environment ENV.json]`: see importPostmanCollection. */
export async function importPostman(
  file: string,
  environment: string | undefined,
  opts: ImportOptions,
  io: CliIO,
): Promise<number> {
  if (file === '-') throw new UsageError('import postman reads the collection from a file, not standard input');
  const collection = await readInput(file, io);
  if (typeof collection === 'number') return collection;
  let env: { text: string; shown: string } | undefined;
  if (environment !== undefined) {
    const read = await readInput(environment, io);
    if (typeof read === 'number') return read;
    env = read;
  }
  // The environments file already there is merged into (read only where it may be written).
  const envPath = path.join(opts.out, ENVIRONMENTS_FILE);
  const shownEnv = displayName(envPath, io.cwd);
  let existing: { text: string; name: string } | undefined;
  if (!(await pathRefusal(opts.out, envPath, nodePathKind)) && (await nodePathKind(envPath)) === 'file') {
    const read = await readInput(envPath, io);
    if (typeof read === 'number') return read;
    existing = { text: read.text, name: shownEnv };
  }
  const made = await createCcmacroService({ fs: nodeFileSystem }).importPostman({
    collection: { text: collection.text, name: collection.shown },
    environment: env && { text: env.text, name: env.shown },
    existingEnvironments: existing,
    force: opts.force,
  });
  if (!made.ok) {
    const e = made.error;
    io.stderr(formatProblem(e.file, e.problem, new LineIndex(e.text)) + '\n');
    io.stderr('ccmacro import: nothing was written.\n');
    return EXIT_PROBLEMS;
  }
  const m = made.value;
  const extra: string[] = [];
  const envFile = m.files.find(f => f.rel === ENVIRONMENTS_FILE);
  if (envFile)
    extra.push(
      `${shownEnv} holds the values of the \${var:NAME} placeholders${m.environmentName ? `, the environment's under "${m.environmentName}"` : ''} (never a secret)`,
    );
  extra.push(`${m.macroCount} macro${m.macroCount === 1 ? '' : 's'} from ${collection.shown}`);
  return writeImported(m.files, { secrets: m.secrets, notes: m.notes, unmapped: m.unmapped, extra }, opts, io);
}
