import { visible, visibleLine } from '../core/common/controlChars';
import { decodeFileBytes, fileReadError, MAX_FILE_BYTES, type FileRead } from '../core/common/decode';
import { fail } from '../core/common/result';
import { inertText } from './ciSafe';
import { EXIT_USAGE, UsageError, type CliIO, type CommandHandler } from './io';

/** The package version, put in by the build (scripts/build.mjs); "dev" when run from the tsc output. */
declare const CCMACRO_VERSION: string | undefined;
const VERSION = typeof CCMACRO_VERSION === 'string' ? CCMACRO_VERSION : 'dev';

const USAGE = `ccmacro — Centercode webhook macros as code

Usage:
  ccmacro validate [PATH...] [--format text|json|github|gitlab] [--max-warnings N]
                                                    check macros (default: every *.ccmacro.json below .)
  ccmacro render FILE [--sample FILE|builtin:NAME] [--format body|request|curl] ...
                                                    print what the macro would send
  ccmacro send FILE [--url URL] [--sample FILE] ... send the macro and print the exchange log
  ccmacro receive [--port N] [--count N] [--timeout SECONDS]
                                                    run a local test receiver on 127.0.0.1
  ccmacro test [PATH...] [--update] [--ci] [--reporter human|junit|github] [--max-warnings N]
                                                    compare what each macro sends with its snapshot
  ccmacro diff [REV] [PATH...] [--format text|markdown]
                                                    what changed macros send, REV (default HEAD) vs now
  ccmacro new [--target KIND] [--out DIR] NAME      write a new macro from a template
  ccmacro import curl [FILE|-] [--out DIR]          a new macro from a cURL command
  ccmacro convert --tag-syntax brackets|parentheses [PATH...]
                                                    write the macros' tags as [[Tag]] or ((Tag)), with the project setting
  ccmacro import postman COLLECTION.json [--environment ENV.json] [--out DIR]
                                                    one macro per request of a Postman collection

Run "ccmacro COMMAND --help" for a command's options.
Exit codes: 0 ok, 1 problems found (or a failed send), 2 usage or I/O error.`;

// Each command is loaded only when used, so `ccmacro validate` never loads the HTTP client.
const COMMANDS: Record<string, () => Promise<CommandHandler>> = {
  validate: async () => (await import('./commands/validate')).validateCommand,
  send: async () => (await import('./commands/send')).sendCommand,
  receive: async () => (await import('./commands/receive')).receiveCommand,
  render: async () => (await import('./commands/render')).renderCommand,
  test: async () => (await import('./commands/test')).testCommand,
  diff: async () => (await import('./commands/diff')).diffCommand,
  convert: async () => (await import('./commands/convert')).convertCommand,
  new: async () => (await import('./commands/new')).newCommand,
  import: async () => (await import('./commands/import')).importCommand,
};

export async function runCli(argv: string[], rawIo: CliIO): Promise<number> {
  // Every line on stderr is for people, and may quote what the user or a file gave (a macro name, a sample value,
  // an argument): control characters are shown visibly and no line reads as a CI command. stdout is each command's
  // own business (render --format body must stay byte-exact).
  const io: CliIO = { ...rawIo, stderr: s => rawIo.stderr(inertText(visible(s))) };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr)(USAGE + '\n');
    return name ? 0 : EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(
      `ccmacro: unknown command "${visibleLine(name)}". Commands: ${Object.keys(COMMANDS).join(', ')}. Run "ccmacro --help".\n`,
    );
    return EXIT_USAGE;
  }
  try {
    return await (
      await load()
    )(rest, io);
  } catch (e) {
    // A usage error is one line, whatever the arguments it quotes hold: a line feed in one shows as \n, so it cannot
    // start a line that reads as a problem (`x.ccmacro.json:1:1: error: …`) or a CI command.
    if (e instanceof UsageError || (e as { code?: string })?.code?.startsWith?.('ERR_PARSE_ARGS')) {
      io.stderr(`ccmacro ${name}: ${visibleLine((e as Error).message)}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`ccmacro ${name}: unexpected failure: ${visibleLine(e instanceof Error ? e.message : String(e))}\n`);
    return EXIT_USAGE;
  }
}

/** Standard input, read to its end (at most MAX_FILE_BYTES, as any file ccmacro reads) and decoded as UTF-8 text. */
async function readStdin(): Promise<FileRead> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    total += b.length;
    if (total > MAX_FILE_BYTES) return fail(fileReadError('too-large', total));
    chunks.push(b);
  }
  return decodeFileBytes(Buffer.concat(chunks));
}

/** The process entry: bin/ccmacro.js calls this. */
export function main(): void {
  // `ccmacro render x | head` closes the pipe early: that is the reader's choice, not a failure.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const io: CliIO = {
    stdout: s => process.stdout.write(s),
    stderr: s => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    color: !!process.stdout.isTTY && !process.env.NO_COLOR,
    stdin: process.stdin.isTTY ? undefined : () => readStdin(),
  };
  // runCli answers every failure itself (a message and an exit code), so its promise never rejects.
  void runCli(process.argv.slice(2), io).then(code => {
    process.exitCode = code;
  });
}
