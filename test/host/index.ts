/**
 * The extensionTestsPath entry: VS Code's extension host calls run() and ends the test run when the
 * promise settles. Works under scripts/real-host (code-server) and under @vscode/test-electron on a desktop.
 *
 * Passes (set by scripts/real-host/run.sh through CCMACRO_HOST_PASS):
 *   trusted (default)  every out/test/host/**\/*.test.js except *.untrusted.test.js and *.multiroot.test.js
 *   untrusted          only *.untrusted.test.js (the workspace is in restricted mode)
 *   multiroot          only *.multiroot.test.js (a window with two folders: test/host/multiroot/)
 * CCMACRO_HOST_GREP narrows the run to tests whose full title contains the text.
 *
 * A pass fails on a failed test, on `.only` (forbidOnly), and when it cannot be trusted (see results.ts): a test
 * loaded but never run, a test file that registers no test, no test at all.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { passResult, type PassResult } from './results';

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
  const ofPass = (name: string) => (f: string) => f.endsWith(`.${name}.test.js`);
  const own = ['untrusted', 'multiroot'];
  if (own.includes(pass)) return files.filter(ofPass(pass));
  return files.filter(f => !own.some(p => ofPass(p)(f)));
}

function testsPerFile(suite: Mocha.Suite, files: string[]): Array<{ file: string; tests: number }> {
  const count = new Map(files.map(f => [f, 0]));
  const visit = (s: Mocha.Suite) => {
    for (const t of s.tests) if (t.file !== undefined) count.set(t.file, (count.get(t.file) ?? 0) + 1);
    s.suites.forEach(visit);
  };
  visit(suite);
  return [...count].map(([file, tests]) => ({ file, tests }));
}

/**
 * Runs `files` with the host suite's mocha settings (tdd, spec reporter, `.only` forbidden) and counts the pass.
 * Never rejects: a run that could not start is a result with one failure and the reason.
 */
export function runHostTests(files: string[], grep: string): Promise<PassResult> {
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 30000, forbidOnly: true });
  if (grep) mocha.grep(grep);
  for (const f of files) mocha.addFile(f);
  return new Promise(resolve => {
    try {
      const runner = mocha.run(failures => {
        const stats = runner.stats;
        resolve(
          passResult({
            loaded: runner.total,
            ended: stats?.tests ?? 0,
            passes: stats?.passes ?? 0,
            failures,
            pending: stats?.pending ?? 0,
            testsPerFile: testsPerFile(mocha.suite, files),
            grep,
          }),
        );
      });
    } catch (e) {
      resolve({ passes: 0, failures: 1, pending: 0, problems: [`the tests could not run: ${(e as Error).message}`] });
    }
  });
}

export async function run(): Promise<void> {
  const pass = process.env.CCMACRO_HOST_PASS || 'trusted';
  const grep = process.env.CCMACRO_HOST_GREP || '';
  console.log(`ccmacro host tests, pass '${pass}', VS Code ${require('vscode').version}, Node ${process.version}`);
  const result = await runHostTests(selectTests(findTests(__dirname), pass), grep);
  for (const p of result.problems) console.log(`real-host: ${p}`);
  // The runner script reads this line for the summary; keep its format in sync with run-ext-tests.js and results.ts.
  console.log(`ccmacro-host-result ${JSON.stringify(result)}`);
  if (result.failures > 0) throw new Error(`${result.failures} host test(s) failed.`);
  if (result.problems.length > 0) throw new Error(result.problems.join('; '));
}
