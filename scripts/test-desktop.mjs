// `npm run test:desktop`: the same real-host suite (out/test/host) in desktop VS Code through @vscode/test-electron,
// for contributors with a desktop and internet access. It downloads VS Code 1.100.3 (the version the code-server
// harness runs) into .vscode-test/, then runs three passes like scripts/real-host/run.sh: trusted, untrusted
// (restricted mode) for *.untrusted.test.js, and multiroot (a window with two folders) for *.multiroot.test.js. Needs a display (on Linux without one: xvfb-run npm run test:desktop).
// CCMACRO_HOST_GREP narrows the run as in the code-server harness; CCMACRO_VSCODE_VERSION picks another version.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const version = process.env.CCMACRO_VSCODE_VERSION ?? '1.100.3';

execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });

let failed = 0;
for (const pass of ['trusted', 'untrusted', 'multiroot']) {
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
      version,
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
    console.error(`desktop pass '${pass}' failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
process.exitCode = failed ? 1 : 0;
