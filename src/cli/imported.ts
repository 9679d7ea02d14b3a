import { ajvMacroSchema } from './schema';
import * as path from 'node:path';
import { ok } from '../core/common/result';
import type { FileSystemLike } from '../core/host';
import { createCcmacroService } from '../core';
import { visibleLine } from '../core/common/controlChars';
import { formatFileReadError, isAccessFailure, type FileRead } from '../core/common/decode';
import { formatProblem, type Problem } from '../core/common/problem';
import { LineIndex } from '../core/common/text';
import type { ImportedSecret } from '../core/import/credentials';
import { MACRO_FILE_SUFFIX } from '../core/macro/fileName';
import { inertText } from './ciSafe';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO } from './io';
import { displayName } from './macroFiles';
import { nodeFileSystem } from './nodeFs';
import { writeNewFiles, type NewFile } from './writeFiles';

/** What `ccmacro import` and `ccmacro new` share: reading the input, and validating, writing and reporting the result. */

export interface ImportOptions {
  out: string;
  force: boolean;
}

/** The text of an input file (or standard input for "-"), or the exit code after saying why it cannot be read. */
export async function readInput(file: string, io: CliIO): Promise<{ text: string; shown: string } | number> {
  let read: FileRead;
  let shown: string;
  if (file === '-') {
    if (!io.stdin)
      throw new UsageError(
        'standard input is a terminal: give a FILE, or pipe the command in (… | ccmacro import curl -)',
      );
    read = await io.stdin();
    shown = '<stdin>';
  } else {
    shown = file;
    read = await nodeFileSystem.readFile(path.resolve(io.cwd, file));
  }
  if (read.ok) return { text: read.value, shown };
  if (isAccessFailure(read.error)) throw new UsageError(`cannot read ${shown}: ${read.error.message}`);
  io.stderr(formatFileReadError(shown, read.error) + '\n');
  return EXIT_PROBLEMS;
}

interface ImportReport {
  secrets: readonly ImportedSecret[];
  notes: readonly string[];
  /** What could not be imported, one sentence each: listed, never dropped silently. */
  unmapped: readonly string[];
  /** Lines about other files written (the environments file). */
  extra?: readonly string[];
}

/**
 * Validates the macros, writes every file (or none), then says what was written, which secrets to set (names and
 * environment variables, never values) and what was left out. Problems in the macros are printed as `validate` prints
 * them (the files are still written, so they can be fixed there) and give exit code 1.
 */
export async function writeImported(
  files: NewFile[],
  report: ImportReport,
  opts: ImportOptions,
  io: CliIO,
): Promise<number> {
  const shown = (p: string) => displayName(p, io.cwd);
  // The macros are checked as they will be once written: with the files planned next to them (the environments file
  // their ${var:NAME} placeholders take values from) seen in place of the disk's.
  const planned = new Map(files.map(f => [path.resolve(opts.out, f.rel), f.text]));
  const fs: FileSystemLike = {
    readFile: async p => {
      const text = planned.get(p);
      return text !== undefined ? ok(text) : nodeFileSystem.readFile(p);
    },
    exists: async p => planned.has(p) || nodeFileSystem.exists(p),
  };
  const service = createCcmacroService({ fs, macroSchema: ajvMacroSchema() });
  const problems: string[] = [];
  let errors = false;
  for (const f of files) {
    if (!f.rel.endsWith(MACRO_FILE_SUFFIX)) continue;
    const abs = path.resolve(opts.out, f.rel);
    const { problems: found } = await service.validate({ path: abs, text: f.text });
    const lines = new LineIndex(f.text);
    for (const p of found.filter((x: Problem) => x.severity !== 'info')) {
      problems.push(formatProblem(shown(abs), p, lines));
      if (p.severity === 'error') errors = true;
    }
  }
  const written = await writeNewFiles(opts.out, files, { force: opts.force, shown });
  if (!written.ok) {
    for (const reason of written.error) io.stderr(`ccmacro import: ${reason}\n`);
    io.stderr('ccmacro import: nothing was written.\n');
    return 2;
  }
  // Notes quote parts of the input (a header name, a request's name); never a credential, and masked should one slip in.
  const mask = await service.masker([]);
  const say = (s: string) => io.stdout(inertText(visibleLine(mask.text(s))) + '\n');
  for (const f of written.value) say(`Wrote ${shown(f)}`);
  for (const line of report.extra ?? []) say(line);
  if (report.secrets.length) {
    say('');
    say('Secrets the macros refer to (their values are not in any file; set each before sending):');
    const envNames = await Promise.all(report.secrets.map(s => service.secretEnvName(s.name)));
    const width = envNames.reduce((w, n) => Math.max(w, n.length), 0);
    report.secrets.forEach((s, i) => say(`  ${envNames[i].padEnd(width)}  \${secret:${s.name}}: ${s.what}`));
    say('  In VS Code: "ccmacro: Set Secret". In a shell or CI: the environment variables above.');
  }
  if (report.unmapped.length) {
    say('');
    say('Not imported (ccmacro cannot send these; do them another way or leave them out):');
    for (const u of report.unmapped) say(`  - ${u}`);
  }
  if (report.notes.length) {
    say('');
    say('Notes:');
    for (const n of report.notes) say(`  - ${n}`);
  }
  for (const p of problems) io.stderr(p + '\n');
  return errors ? EXIT_PROBLEMS : EXIT_OK;
}
