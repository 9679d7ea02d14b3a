/**
 * The extensionTestsPath entry: VS Code's extension host calls run() and ends the test run when the
 * promise settles. Works under scripts/real-host (code-server) and under @vscode/test-electron on a desktop.
 *
 * Passes (set by scripts/real-host/run.sh through CCMACRO_HOST_PASS):
 *   trusted (default)  every out/test/host/**\/*.test.js except *.untrusted.test.js
 *   untrusted          only *.untrusted.test.js (the workspace is in restricted mode)
 * CCMACRO_HOST_GREP narrows the run to tests whose full title contains the text.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(full));
    else if (entry.name.endsWith('.test.js')) out.push(full);
  }
  return out.sort();
}

export function selectTests(files: string[], pass: string): string[] {
  const untrusted = (f: string) => f.endsWith('.untrusted.test.js');
  return pass === 'untrusted' ? files.filter(untrusted) : files.filter(f => !untrusted(f));
}

export function run(): Promise<void> {
  const pass = process.env.CCMACRO_HOST_PASS || 'trusted';
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 30000 });
  if (process.env.CCMACRO_HOST_GREP) mocha.grep(process.env.CCMACRO_HOST_GREP);
  for (const f of selectTests(findTests(__dirname), pass)) mocha.addFile(f);
  console.log(`ccmacro host tests, pass '${pass}', VS Code ${require('vscode').version}, Node ${process.version}`);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(failures => {
        // The runner script reads this line for the summary; keep its format in sync with run-ext-tests.js.
        console.log(`ccmacro-host-result ${JSON.stringify({ passes: runner.stats?.passes ?? 0, failures })}`);
        if (failures > 0) reject(new Error(`${failures} host test(s) failed.`));
        else resolve();
      });
    } catch (e) {
      console.log(`ccmacro-host-result ${JSON.stringify({ passes: 0, failures: 1 })}`);
      reject(e);
    }
  });
}
