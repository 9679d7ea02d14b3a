// `npm run demo`: what ccmacro is for, in under a minute, with no account and no network. Everything runs on this
// machine: the CLI on the Slack example, a local test receiver on 127.0.0.1, and a snapshot test in a temporary copy
// (the repository is never written). Three parts, each a few lines:
//   1. a macro's ((tags)) becoming values from a sample item (before → after, tags highlighted on a terminal);
//   2. the local receiver checking the message as Slack does: 200 for the example, 400 invalid_blocks for the
//      built-in Hostile values sample, and the error ccmacro reported before sending;
//   3. `ccmacro test` noticing a change to the macro (the snapshot diff), then accepting it with --update.
// test/unit/build/demo.test.ts runs it and checks these lines.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'jsonc-parser';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'ccmacro.js');
const example = 'examples/slack-escalate-blocker.ccmacro.json';
const sampleFile = 'examples/samples/slack-escalate-blocker.sample.json';

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = code => s => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
const bold = paint('1');
const dim = paint('2');
const tagColor = paint('36');
const valueColor = paint('32');
const bad = paint('31');
const good = paint('32');

if (!existsSync(join(root, 'dist', 'cli.js'))) {
  const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const ccmacro = (args, cwd = root, env = {}) =>
  spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
const heading = s => console.log(`\n${bold(s)}`);
const show = s => JSON.stringify(s);

console.log(
  bold('ccmacro demo') + dim(' — no account, no network: the CLI, a receiver on 127.0.0.1, a temporary folder'),
);

// 1. Tags → values ---------------------------------------------------------------------------------------------------
heading(`1. ((Tags)) become values from a sample item`);
console.log(dim(`   ${example}  with  ${sampleFile} [0]`));
const macro = parse(readFileSync(join(root, example), 'utf8'));
const render = ccmacro(['render', example]);
if (render.status !== 0) fail(`ccmacro render failed:\n${render.stdout}${render.stderr}`);
const body = JSON.parse(render.stdout);
const at = (obj, path) => path.reduce((o, k) => o?.[k], obj);
for (const path of [['text'], ['blocks', 1, 'fields', 2, 'text'], ['blocks', 3, 'elements', 0, 'url']]) {
  const before = at(macro.request.body, path);
  const after = at(body, path);
  console.log(`   ${show(before).replace(/\(\([^()]+\)\)/g, t => tagColor(t))}`);
  console.log(`     → ${valueColor(show(after))}`);
}

// 2. The receiver's verdict --------------------------------------------------------------------------------------------
heading('2. The local test receiver checks the message the way Slack does');
const receiver = spawn(process.execPath, [cli, 'receive', '--port', '0', '--count', '2'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let receiverOut = '';
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('the receiver did not start within 10 s')), 10_000);
  receiver.stdout.setEncoding('utf8');
  receiver.stdout.on('data', chunk => {
    receiverOut += chunk;
    const m = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(receiverOut);
    if (m) {
      clearTimeout(timer);
      resolve(m[1]);
    }
  });
  receiver.on('exit', code => reject(new Error(`the receiver stopped early (exit ${code})`)));
}).catch(e => fail(e.message));
const target = `${url}/slack/demo`;
const secret = { CCMACRO_SECRET_SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T000/B000/demo' };
/** The answer's status line and, for an error, ccmacro's explanation ("ⓘ …"). */
const answer = out => {
  const status = /^HTTP\/1\.1 (\d+ [^\n(]*?)\s*\(/m.exec(out)?.[1] ?? '(no answer)';
  const body = /\n\n([^\n]*)\n\nⓘ/.exec(out)?.[1];
  const why = /^ⓘ .*$/m.exec(out)?.[0];
  return { status, body, why };
};

console.log(`   $ ccmacro send ${example} --url ${target}`);
const ok = ccmacro(['send', example, '--url', target], root, secret);
const okAnswer = answer(ok.stdout);
console.log(
  `     ← ${ok.status === 0 ? good(okAnswer.status) : bad(okAnswer.status)}: the message is one Slack takes (sample item [0]).`,
);

console.log(`   $ ccmacro send ${example} --sample builtin:hostile --url ${target}`);
const hostile = ccmacro(['send', example, '--sample', 'builtin:hostile', '--url', target], root, secret);
const hostileAnswer = answer(hostile.stdout);
console.log(`     ← ${bad(`${hostileAnswer.status}${hostileAnswer.body ? ` ${hostileAnswer.body}` : ''}`)}`);
if (hostileAnswer.why) console.log(`     ${hostileAnswer.why}`);
const checked = ccmacro(['render', example, '--sample', 'builtin:hostile']);
const located = /^.*error: .*\[render\/slack-[a-z-]+\]$/m.exec(checked.stderr)?.[0];
if (located) {
  console.log(
    `   ccmacro said why before anything was sent (${bold('ccmacro render')}; the preview, with this sample picked):`,
  );
  console.log(`     ${bad(located)}`);
}
await new Promise(resolve => {
  if (receiver.exitCode !== null) return resolve();
  const t = setTimeout(() => {
    receiver.kill();
    resolve();
  }, 5_000);
  receiver.on('exit', () => {
    clearTimeout(t);
    resolve();
  });
});

// 3. A snapshot test notices a change ---------------------------------------------------------------------------------
heading('3. A snapshot test notices a change (in a temporary copy)');
const work = mkdtempSync(join(tmpdir(), 'ccmacro-demo-'));
let snapshotsOk = false;
try {
  const name = 'slack-escalate-blocker';
  cpSync(join(root, 'examples', `${name}.ccmacro.json`), join(work, `${name}.ccmacro.json`));
  cpSync(join(root, 'examples', `${name}.snap.http`), join(work, `${name}.snap.http`));
  mkdirSync(join(work, 'samples'));
  cpSync(join(root, sampleFile), join(work, 'samples', `${name}.sample.json`));
  const summary = out => /^Snapshots: .*$/m.exec(out)?.[0] ?? out.trim();
  const first = ccmacro(['test'], work);
  console.log(`   $ ccmacro test                 ${dim(`→ ${summary(first.stdout)}`)}`);
  const file = join(work, `${name}.ccmacro.json`);
  const from = '"Blocker #((Feedback ID)): ((Title))"';
  const to = '"Blocker: ((Title))"';
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
  console.log(`   ${dim('edit')} ${show(from.slice(1, -1))} → ${show(to.slice(1, -1))}`);
  const second = ccmacro(['test'], work);
  console.log(`   $ ccmacro test                 ${dim(`→ exit ${second.status}`)}`);
  // The first item's verdict and the changed lines of its diff; the other items differ the same way.
  const lines = second.stdout.split('\n');
  const items = lines.filter(l => /^ {2}✗ /.test(l));
  if (items[0]) console.log(`   ${items[0].trim()}`);
  const diff = lines.slice(lines.indexOf(items[0]) + 1, lines.indexOf(items[1] ?? '', lines.indexOf(items[0]) + 1));
  for (const l of diff.filter(l => /^[-+] /.test(l))) console.log(`     ${l.startsWith('-') ? bad(l) : good(l)}`);
  if (items.length > 1) console.log(dim(`   … and ${items.length - 1} more sample items, the same change`));
  console.log(`   ${summary(second.stdout)}`);
  const update = ccmacro(['test', '--update'], work);
  const third = ccmacro(['test'], work);
  console.log(
    `   $ ccmacro test --update        ${dim(`→ the new snapshot, for review in the pull request; then: ${summary(third.stdout)}`)}`,
  );
  snapshotsOk = first.status === 0 && second.status === 1 && update.status === 0 && third.status === 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}

const allOk = ok.status === 0 && hostile.status === 1 && /^400 /.test(hostileAnswer.status) && snapshotsOk;
console.log(
  `\n${allOk ? good('Done.') : bad('Something went differently than shown above.')} Next: open examples/ in VS Code with ccmacro (README, Quick start).`,
);
process.exit(allOk ? 0 : 1);

function fail(message) {
  console.error(`demo: ${message}`);
  process.exit(1);
}
