import { parseArgs } from 'node:util';
import { createCcmacroService } from '../../core';
import type { Receiver } from '../../core/receiver/receiver';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CommandHandler } from '../io';
import { nodeFileSystem } from '../nodeFs';
import { wholeNumberOption } from '../options';

const help = (targets: string[]) => `Usage: ccmacro receive [--port N] [--once | --count N]

Runs a local test receiver on 127.0.0.1: it prints every request it gets and answers 200 "ok".
${targets.map(p => p.replace(/(.{1,94})(?: +|$)/g, '$1\n').trimEnd()).join('\n')}

Options:
  --port N      port to listen on (default 0: a free port, printed on the first line)
  --once        stop after the first request
  --count N     stop after N requests
Stop with Ctrl-C.`;

export const receiveCommand: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      once: { type: 'boolean' },
      count: { type: 'string' },
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
  io.stdout(
    `Listening on ${receiver.url}  (${await core.receiverTargetPaths(receiver.url)})${count ? `; stopping after ${count} request${count === 1 ? '' : 's'}` : '; Ctrl-C to stop'}\n`,
  );

  // Counted here: the receiver keeps only its last 200 requests.
  let seen = 0;
  // Printed one after another, in the order they arrived.
  let printed = Promise.resolve();
  await new Promise<void>(resolve => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    receiver.onRequest(r => {
      printed = printed.then(async () => {
        io.stdout('\n' + (await core.formatReceivedRequest(r)));
        seen++;
        if (count !== undefined && seen >= count) stop();
      });
    });
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await printed;
  await receiver.close();
  io.stdout(`\nReceiver stopped after ${seen} request${seen === 1 ? '' : 's'}.\n`);
  return EXIT_OK;
};
