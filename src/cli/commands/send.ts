import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createCcmacroService } from '../../core';
import { formatProblem, type Problem } from '../../core/common/problem';
import { LineIndex } from '../../core/common/text';
import { macroDisplayName, macroReturnValues } from '../../core/macro/model';
import { describeSampleItem } from '../../core/samples/describe';
import { isSuccess } from '../../core/send/summary';
import { MAX_TIMEOUT_MS } from '../../core/send/types';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CommandHandler } from '../io';
import { nodeFileSystem } from '../nodeFs';
import { cliTreeHost } from '../tagSyntax';
import { ALLOW_OUTSIDE_HELP, allowsOutside, sampleReach, Trees } from '../tree';
import { chosenEnvironments, ENV_ARG_OPTIONS, ENV_HELP, environmentOption } from '../environment';
import { oneMacroFile, readMacroFile, resolveSampleOption, SAMPLE_ARG_OPTIONS, wholeNumberOption } from '../options';
import { inertText } from '../ciSafe';

const HELP = `Usage: ccmacro send FILE [--sample FILE|builtin:ID] [--sample-index N] [--url URL] [--timeout MS] [--follow-redirects] [--ca FILE] [--allow-missing] [--allow-outside] [--env NAME]

Renders the macro with a sample, sends it, and prints the exchange log (secrets masked).

Options:
  --sample FILE         sample feedback file, or builtin:ID (default: the macro's first "samples" entry)
  --sample-index N      which item of a multi-item sample (from 0; default 0)
  --url URL             send here instead of the macro's URL (e.g. a local "ccmacro receive")
  --timeout MS          give up after MS milliseconds for the whole exchange (default 10000,
                        at most 2147483647, the longest Node's timers wait)
  --follow-redirects    follow up to 5 redirects; headers filled from \${secret:}/\${env:} and credential
                        headers (Authorization, Cookie, X-Api-Key, …) never go to another origin;
                        the log shows every hop
  --ca FILE             extra PEM CA certificate to trust (internal servers with private certificates)
  --allow-missing       send tags the sample has no value for as empty text
${ALLOW_OUTSIDE_HELP}
${ENV_HELP}

\${secret:NAME} reads the environment variable CCMACRO_SECRET_NAME (with --env ENV, CCMACRO_SECRET_<ENV>_NAME
first); \${env:NAME} reads NAME. The CLI never asks before sending to an environment with "$confirm": choosing
it with --env is the confirmation.
HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured.
Exit codes: 0 the server answered 2xx; 1 any other status, a network failure or a render error;
2 usage error or a macro file that cannot be read.`;

export const sendCommand: CommandHandler = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...SAMPLE_ARG_OPTIONS,
      ...ENV_ARG_OPTIONS,
      url: { type: 'string' },
      timeout: { type: 'string' },
      'follow-redirects': { type: 'boolean' },
      ca: { type: 'string' },
    },
  });
  if (values.help) {
    io.stdout(HELP + '\n');
    return EXIT_OK;
  }
  const file = path.resolve(io.cwd, oneMacroFile(positionals, 'send'));
  const index = wholeNumberOption('--sample-index', values['sample-index'], 0);
  // Node's timers cannot wait longer than MAX_TIMEOUT_MS: a larger timeout would fire at once.
  const timeoutMs = wholeNumberOption('--timeout', values.timeout, 1, MAX_TIMEOUT_MS);
  if (values.url !== undefined && !/^https?:\/\/[^\s]+$/i.test(values.url))
    throw new UsageError(`--url must be an http:// or https:// URL, got "${values.url}"`);

  // Outside a repository the tree is the current folder when the file is in it (the project, with its .ccmacro/), else
  // the file's folder.
  const trees = new Trees([io.cwd, file]);
  const reach = sampleReach(await trees.of(file), allowsOutside(values));
  const service = createCcmacroService({ fs: nodeFileSystem, ...cliTreeHost(trees) });
  const read = await readMacroFile(nodeFileSystem, file, positionals[0], io, reach);
  if (!read.ok) return read.error;
  const text = read.value;
  const environment = environmentOption(values.env, io);
  const envs = await chosenEnvironments(service, file, environment, io, reach);
  let ca: string | undefined;
  if (values.ca !== undefined) {
    const loaded = await service.loadCaFile(path.resolve(io.cwd, values.ca), f => fsp.readFile(f, 'utf8'));
    if (!loaded.ok) throw new UsageError(`--ca: ${loaded.error}`);
    ca = loaded.value;
  }

  const shown = path.relative(io.cwd, file) || file;
  const report = (problems: Problem[], where: string, srcText: string | undefined) => {
    const lines = srcText !== undefined ? new LineIndex(srcText) : undefined;
    for (const p of problems) io.stderr(formatProblem(where, p, lines) + '\n');
  };
  const sampleSpec = await resolveSampleOption(values.sample, io.cwd, nodeFileSystem);
  // The macro's own samples only inside its tree (a --sample the user names is read wherever it is).
  const loaded = await service.loadForSend(
    { path: file, text },
    { sample: sampleSpec, index, ...(sampleSpec === undefined ? { reach } : {}) },
  );
  if (!loaded.ok && loaded.stage === 'syntax') {
    report(loaded.problems, shown, loaded.parsed.text);
    return EXIT_PROBLEMS;
  }
  if (!loaded.ok) {
    const sample = loaded.sample;
    report(
      loaded.problems,
      sample.path ? path.relative(io.cwd, sample.path) || sample.path : sample.name,
      sample.path ? sample.text : undefined,
    );
    if (loaded.problems.length === 0) io.stderr(`ccmacro send: the sample ${sample.name} has no items\n`);
    return EXIT_PROBLEMS;
  }
  const { parsed, sample, item } = loaded;
  const ready = await service.prepareRequest(parsed, item, await service.envSecretResolver(io.env, environment), {
    allowMissing: values['allow-missing'],
    url: values.url,
    vars: environment !== undefined && envs ? envs.varValues(environment) : undefined,
  });
  if (!ready.ok && ready.stage === 'render') {
    report(ready.problems, shown, parsed.text);
    io.stderr(`ccmacro send: not sent: fix the error${ready.problems.length === 1 ? '' : 's'} above first.\n`);
    return EXIT_PROBLEMS;
  }
  if (!ready.ok) {
    report(ready.problems, shown, parsed.text);
    const unset = ready.missing.some(m => m.reason === 'unset');
    const unusable = ready.missing.some(m => m.reason === 'unusable');
    io.stderr(
      `ccmacro send: not sent: a secret or environment value is ${unset && unusable ? 'missing or cannot be used' : unset ? 'missing' : 'set but cannot be used there'}.\n`,
    );
    return EXIT_PROBLEMS;
  }
  const out = ready.request;
  try {
    const exchange = await service.send(out, {
      timeoutMs,
      followRedirects: values['follow-redirects'] ?? false,
      ca,
      proxy: await service.proxyFromEnv(io.env, out.url),
    });
    const sampleName = describeSampleItem(sample, index ?? 0);
    // The log is for people: what it quotes (the request's values, the service's answer) never reads as a CI command.
    io.stdout(
      inertText(
        await service.exchangeLog(
          exchange,
          {
            macroName: macroDisplayName(parsed.macro, file),
            sampleName,
            environment,
            returnValues: macroReturnValues(parsed.macro),
          },
          ready.secretValues,
        ),
      ),
    );
    // A return value the answer does not hold: located on its returnValues entry (a warning: the send worked).
    report(await service.returnValueWarnings(parsed, exchange, ready.secretValues), shown, parsed.text);
    return isSuccess(exchange) ? EXIT_OK : EXIT_PROBLEMS;
  } finally {
    await service.dispose();
  }
};
