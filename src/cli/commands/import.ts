import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem } from '../../core/common/problem';
import { slugify } from '../../core/common/slug';
import { LineIndex } from '../../core/common/text';
import { createCcmacroService } from '../../core';
import { nodeFileSystem } from '../nodeFs';
import { MACRO_FILE_SUFFIX } from '../../core/macro/fileName';
import { readInput, writeImported, type ImportOptions } from '../imported';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO, type CommandHandler } from '../io';

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
      kind
        ? `import what? "${kind}" is not curl or postman (see --help)`
        : 'import what? Usage: ccmacro import curl|postman … (see --help)',
    );
  const out = path.resolve(io.cwd, values.out ?? '.');
  const opts = { out, force: !!values.force };
  if (kind === 'curl') {
    if (values.environment !== undefined) throw new UsageError('--environment is for import postman');
    if (inputs.length > 1) throw new UsageError(`import curl reads one command, got ${inputs.length} files`);
    return importCurl(inputs[0] ?? '-', values.name, opts, io);
  }
  if (values.name !== undefined)
    throw new UsageError('--name is for import curl (postman names each macro after its request)');
  if (inputs.length !== 1)
    throw new UsageError(
      inputs.length
        ? `import postman reads one collection, got ${inputs.length}`
        : 'which collection? Usage: ccmacro import postman COLLECTION.json',
    );
  const { importPostman } = await import('./importPostman');
  return importPostman(inputs[0], values.environment, opts, io);
};

async function importCurl(file: string, name: string | undefined, opts: ImportOptions, io: CliIO): Promise<number> {
  const input = await readInput(file, io);
  if (typeof input === 'number') return input;
  const made = await createCcmacroService({ fs: nodeFileSystem }).importCurl(input.text, { name });
  if (!made.ok) {
    io.stderr(formatProblem(input.shown, made.error, new LineIndex(input.text)) + '\n');
    return EXIT_PROBLEMS;
  }
  const m = made.value;
  const rel = slugify(m.name, 'macro') + MACRO_FILE_SUFFIX;
  return writeImported([{ rel, text: m.text }], { secrets: m.secrets, notes: m.notes, unmapped: [] }, opts, io);
}
