// `npm run demo`: a full exchange on this machine, no Slack workspace or network needed.
// Starts `ccmacro receive` on a free port, sends the Slack example there with `ccmacro send --url`,
// prints both sides, and stops the receiver.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'ccmacro.js');
const example = 'examples/slack-escalate-blocker.ccmacro.json';

if (!existsSync(join(root, 'dist', 'cli.js'))) {
  const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const receiver = spawn(process.execPath, [cli, 'receive', '--port', '0', '--once'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let received = '';
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('the receiver did not start within 10 s')), 10_000);
  receiver.stdout.setEncoding('utf8');
  receiver.stdout.on('data', chunk => {
    received += chunk;
    const m = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(received);
    if (m) {
      clearTimeout(timer);
      resolve(m[1]);
    }
  });
  receiver.on('exit', code => reject(new Error(`the receiver stopped early (exit ${code})`)));
}).catch(e => {
  console.error(`demo: ${e.message}`);
  receiver.kill();
  process.exit(1);
});

const target = `${url}/slack/escalate-blocker`;
console.log(`$ ccmacro receive --once            # running in the background on ${url}`);
console.log(`$ ccmacro send ${example} --url ${target}\n`);
const send = spawnSync(process.execPath, [cli, 'send', example, '--url', target], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});

// The receiver exits by itself after the one request (--once); don't wait forever if the send never arrived.
const stopped = await new Promise(resolve => {
  if (receiver.exitCode !== null) return resolve(true);
  const t = setTimeout(() => resolve(false), 5_000);
  receiver.on('exit', () => {
    clearTimeout(t);
    resolve(true);
  });
});
if (!stopped) receiver.kill();
console.log('\n── What the receiver saw (ccmacro receive) ──');
process.stdout.write(received.replace(/^Listening on .*\n/, ''));
console.log(
  `\nccmacro send exited with ${send.status} (${send.status === 0 ? 'the receiver answered 2xx' : 'not a 2xx answer'}).`,
);
process.exit(send.status ?? 1);
