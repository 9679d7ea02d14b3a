import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createCcmacroService } from '../../core';
import { visibleLine } from '../../core/common/controlChars';
import { formatFileReadError, isAccessFailure, type FileRead } from '../../core/common/decode';
import { formatProblem, type Problem } from '../../core/common/problem';
import { slugify } from '../../core/common/slug';
import { LineIndex } from '../../core/common/text';
import type { ImportedSecret } from '../../core/import/credentials';
import { curlToMacro } from '../../core/import/fromCurl';
import { MACRO_FILE_SUFFIX } from '../../core/macro/fileName';
import { secretEnvName } from '../../core/secrets/resolve';
import { inertText } from '../ciSafe';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO, type CommandHandler } from '../io';
import { displayName } from '../macroFiles';
import { nodeFileSystem } from '../nodeFs';
import { writeNewFiles, type NewFile } from '../writeFiles';

const HELP = `Usage: ccmacro import curl [FILE|-] [--name NAME] [--out DIR] [--force]
       ccmacro import postman COLLECTION.json [--environment ENV.json] [--out DIR] [--force]

Makes new macros from what you already have. Nothing is written when anything fails,
nothing outside the output folder or through a symbolic link, and no existing file is
written over without --force. Credentials become \${secret:NAME} placeholders: their values
are never written to a file or printed, only the names of the secrets to set.

  curl      one macro from a cURL command (bash or Windows cmd quoting, as browsers'
            "Copy as cURL" and API docs write it), read from FILE, or standard input
            when FILE is - or left out
  postman   one macro per request of a Postman collection (format v2.1 or v2.0), folders
            as folders; {{variables}} become \${var:NAME}, and --environment's values
            go to DIR/.ccmacro/environments.json (secrets never do)

Options:
  --name NAME        (curl) the macro's name; default "Webhook to <host>"
  --out DIR          the folder to write into (default: the current folder)
  --environment ENV  (postman) a Postman environment export to add to environments.json
  --force            write over existing files
See docs/import.md for what is mapped and what is listed as not imported.
Exit codes: 0 imported; 1 the input cannot be imported (its problems are printed, path:line:col)
or an imported macro has a problem; 2 usage error or a file that cannot be read or written.`;

export const importCommand: CommandHandler = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      out: { type: 'string' },
      environment: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(HELP + '\n');
    return EXIT_OK;
  }
  const [kind, ...inputs] = positionals;
  if (kind !== 'curl' && kind !== 'postman')
    throw new UsageError(
      kind ? `import what? "${kind}" is not curl or postman (see --help)` : 'import what? Usage: ccmacro import curl|postman … (see --help)',
    );
  const out = path.resolve(io.cwd, values.out ?? '.');
  const opts = { out, force: !!values.force };
  if (kind === 'curl') {
    if (values.environment !== undefined) throw new UsageError('--environment is for import postman');
    if (inputs.length > 1) throw new UsageError(`import curl reads one command, got ${inputs.length} files`);
    return importCurl(inputs[0] ?? '-', values.name, opts, io);
  }
  if (values.name !== undefined) throw new UsageError('--name is for import curl (postman names each macro after its request)');
  if (inputs.length !== 1)
    throw new UsageError(inputs.length ? `import postman reads one collection, got ${inputs.length}` : 'which collection? Usage: ccmacro import postman COLLECTION.json');
  const { importPostman } = await import('./importPostman');
  return importPostman(inputs[0], values.environment, opts, io);
};

export interface ImportOptions {
  out: string;
  force: boolean;
}

/** The text of an input file (or standard input for "-"), or the exit code after saying why it cannot be read. */
export async function readInput(file: string, io: CliIO): Promise<{ text: string; shown: string } | number> {
  let read: FileRead;
  let shown: string;
  if (file === '-') {
    if (!io.stdin) throw new UsageError('standard input is a terminal: give a FILE, or pipe the command in (… | ccmacro import curl -)');
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

async function importCurl(file: string, name: string | undefined, opts: ImportOptions, io: CliIO): Promise<number> {
  const input = await readInput(file, io);
  if (typeof input === 'number') return input;
  const made = curlToMacro(input.text, { name });
  if (!made.ok) {
    io.stderr(formatProblem(input.shown, made.error, new LineIndex(input.text)) + '\n');
    return EXIT_PROBLEMS;
  }
  const m = made.value;
  const rel = slugify(m.name, 'macro') + MACRO_FILE_SUFFIX;
  return writeImported([{ rel, text: m.text }], { secrets: m.secrets, notes: m.notes, unmapped: [] }, opts, io);
}

export interface ImportReport {
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
export async function writeImported(files: NewFile[], report: ImportReport, opts: ImportOptions, io: CliIO): Promise<number> {
  const shown = (p: string) => displayName(p, io.cwd);
  const service = createCcmacroService({ fs: nodeFileSystem });
  const problems: string[] = [];
  let errors = false;
  for (const f of files) {
    if (!f.rel.endsWith(MACRO_FILE_SUFFIX)) continue;
    const abs = path.resolve(opts.out, f.rel);
    const { problems: found } = await service.validate(f.text, { path: abs, schema: true });
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
  const say = (s: string) => io.stdout(inertText(visibleLine(s)) + '\n');
  for (const f of written.value) say(`Wrote ${shown(f)}`);
  for (const line of report.extra ?? []) say(line);
  if (report.secrets.length) {
    say('');
    say('Secrets the macros refer to (their values are not in any file; set each before sending):');
    const width = Math.max(...report.secrets.map(s => secretEnvName(s.name).length));
    for (const s of report.secrets) say(`  ${secretEnvName(s.name).padEnd(width)}  \${secret:${s.name}}: ${s.what}`);
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
