// `npm run test:desktop`: the same real-host suite (out/test/host) in desktop VS Code through @vscode/test-electron,
// for contributors with a desktop and internet access. It downloads VS Code 1.100.3 (the version the code-server
// harness runs) into .vscode-test/, then runs three passes like scripts/real-host/run.sh: trusted, untrusted
// (restricted mode) for *.untrusted.test.js, and multiroot (a window with two folders) for *.multiroot.test.js. Needs a display (on Linux without one: xvfb-run npm run test:desktop).
// CCMACRO_HOST_GREP narrows the run as in the code-server harness; CCMACRO_VSCODE_VERSION picks another version,
// CCMACRO_VSCODE_CACHE another download folder; CCMACRO_HOST_SKIP_BUILD=1 skips the build (it is done).
// Like the harness it ends with one summary line, `desktop: N passed, N failed, N skipped` (test/host/results.ts adds
// the passes up from the result line each pass's extension host prints); without a network it says so in one line.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const version = process.env.CCMACRO_VSCODE_VERSION ?? '1.100.3';
const cachePath = process.env.CCMACRO_VSCODE_CACHE ?? path.join(root, '.vscode-test');

if (process.env.CCMACRO_HOST_SKIP_BUILD !== '1') {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
}
const { summarize } = createRequire(import.meta.url)(path.join(root, 'out/test/host/results.js'));

let vscodeExecutablePath;
try {
  vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath, timeout: 30_000 });
} catch (e) {
  const why = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  console.error(
    `test:desktop needs to download VS Code ${version} into ${cachePath.startsWith(root + path.sep) ? path.relative(root, cachePath) : cachePath}/ and could not (${why}); npm test is the offline suite (the same tests in code-server).`,
  );
  console.log('desktop: 0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

// Each pass's extension host prints `ccmacro-host-result {…}` (test/host/index.ts); test-electron relays its output
// through this process's stdout, where it is read as it goes by.
let output = '';
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return write(chunk, ...rest);
};
const recorded = [];

let failed = 0;
for (const pass of ['trusted', 'untrusted', 'multiroot']) {
  output = '';
  let exitCode = 0;
  // A fresh copy of the test workspace and a private profile per pass, as the code-server harness does.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ccmacro-desktop-${pass}-`));
  const fixture = pass === 'multiroot' ? 'multiroot' : 'workspace';
  fs.cpSync(path.join(root, 'test/host', fixture), path.join(dir, fixture), { recursive: true });
  const workspace = path.join(dir, fixture, ...(pass === 'multiroot' ? ['ccmacro.code-workspace'] : []));
  // The quiet profile of the code-server harness: no welcome page or update checks, no trust prompt (the untrusted
  // pass must stay in restricted mode without a dialog).
  fs.mkdirSync(path.join(dir, 'user', 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'user', 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'git.enabled': false,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.emptyWindow': false,
    }),
  );
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/test/host/index.js'),
      extensionTestsEnv: { CCMACRO_HOST_PASS: pass, CCMACRO_HOST_GREP: process.env.CCMACRO_HOST_GREP ?? '' },
      launchArgs: [
        workspace,
        '--user-data-dir',
        path.join(dir, 'user'),
        '--extensions-dir',
        path.join(dir, 'extensions'),
        '--skip-welcome',
        '--skip-release-notes',
        ...(pass !== 'untrusted' ? ['--disable-workspace-trust'] : []),
      ],
    });
  } catch (e) {
    failed++;
    exitCode = 1;
    console.error(`desktop pass '${pass}' failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const line = /^ccmacro-host-result (\{.*\})$/m.exec(output)?.[1];
  let result;
  try {
    result = line ? JSON.parse(line) : undefined;
  } catch {
    result = undefined;
  }
  recorded.push({ pass, exitCode, result });
}
process.stdout.write = write;
const summary = summarize(recorded, process.env.CCMACRO_HOST_GREP ?? '');
for (const p of summary.problems) console.error(`desktop: ${p}`);
console.log(summary.line.replace(/^real-host:/, 'desktop:'));
process.exitCode = failed || !summary.ok ? 1 : 0;
