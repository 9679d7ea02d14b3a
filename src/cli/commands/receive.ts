import { parseArgs } from 'node:util';
import { createCcmacroService } from '../../core';
import type { Receiver } from '../../core/receiver/receiver';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CommandHandler } from '../io';
import { nodeFileSystem } from '../nodeFs';
import { watchLauncher } from '../launcher';
import { wholeNumberOption } from '../options';

const help = (targets: string[]) => `Usage: ccmacro receive [--port N] [--once | --count N] [--timeout SECONDS]

Runs a local test receiver on 127.0.0.1: it prints every request it gets and answers 200 "ok".
${targets.map(p => p.replace(/(.{1,94})(?: +|$)/g, '$1\n').trimEnd()).join('\n')}

Options:
  --port N      port to listen on (default 0: a free port, printed on the first line)
  --once        stop after the first request
  --count N     stop after N requests
  --timeout SECONDS
                stop SECONDS after it starts listening, however many requests came (with --count N:
                exit code 1 when fewer than N came)

Stop with Ctrl-C, or a SIGTERM, SIGINT or SIGHUP to its process. Started by npm (npx ccmacro
receive, an npm script), it also stops when npm does: "npx ccmacro receive & ... kill $!" works.`;

export const receiveCommand: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      once: { type: 'boolean' },
      count: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const core = createCcmacroService({ fs: nodeFileSystem });
  if (values.help) {
    io.stdout(help(await core.receiverTargetsHelp()) + '\n');
    return EXIT_OK;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (values.port !== undefined && (!/^\d+$/.test(values.port) || port > 65535))
    throw new UsageError(`--port needs a port number from 0 to 65535, got "${values.port}"`);
  if (values.once && values.count !== undefined) throw new UsageError('use either --once or --count N, not both');
  const count = values.once ? 1 : wholeNumberOption('--count', values.count, 1);
  // setTimeout takes at most 2^31-1 ms.
  const timeout = wholeNumberOption('--timeout', values.timeout, 1, 2_147_483);

  let receiver: Receiver;
  try {
    receiver = await core.startReceiver({ port, host: '127.0.0.1' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.stderr(
      code === 'EADDRINUSE'
        ? `ccmacro receive: port ${port} is already in use: pick another with --port, or --port 0 for a free one.\n`
        : `ccmacro receive: could not listen on 127.0.0.1:${port}: ${(e as Error).message}\n`,
    );
    return EXIT_PROBLEMS;
  }
  const plural = (n: number) => `${n} request${n === 1 ? '' : 's'}`;
  const bounds = [
    ...(count ? [`stopping after ${plural(count)}`] : []),
    ...(timeout ? [`${count ? 'or' : 'stopping'} after ${timeout} s`] : []),
  ];
  io.stdout(
    `Listening on ${receiver.url}  (${await core.receiverTargetPaths(receiver.url)}); ${bounds.length ? bounds.join(' ') : 'Ctrl-C to stop'}\n`,
  );

  // Counted here: the receiver keeps only its last 200 requests.
  let seen = 0;
  // Printed one after another, in the order they arrived.
  let printed = Promise.resolve();
  const why = await new Promise<string | undefined>(resolve => {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const onSignal = () => stop(undefined);
    const timer = timeout ? setTimeout(() => stop(`--timeout ${timeout} s`), timeout * 1000) : undefined;
    const unwatch = watchLauncher(io.env, () => stop('npm, which started it, is gone'));
    function stop(reason: string | undefined) {
      for (const s of signals) process.off(s, onSignal);
      clearTimeout(timer);
      unwatch();
      resolve(reason);
    }
    receiver.onRequest(r => {
      printed = printed.then(async () => {
        io.stdout('\n' + (await core.formatReceivedRequest(r)));
        seen++;
        if (count !== undefined && seen >= count) stop(undefined);
      });
    });
    for (const s of signals) process.on(s, onSignal);
  });
  await printed;
  await receiver.close();
  io.stdout(`\nReceiver stopped after ${plural(seen)}${why ? ` (${why})` : ''}.\n`);
  // A script that asked for N requests learns that fewer came before the time was up.
  if (count !== undefined && seen < count && timeout && why?.startsWith('--timeout')) {
    io.stderr(`ccmacro receive: ${seen} of the ${count} requests asked for came within ${timeout} s\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
};
