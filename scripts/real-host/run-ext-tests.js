// Drive code-server's web workbench in headless Chromium so VS Code runs our extension tests in its real
// (remote, Node) extension host, and relay what the tests print.
// Usage: CS_BASE=http://127.0.0.1:PORT node run-ext-tests.js EXT_DIR TESTS_JS WORKSPACE
// WORKSPACE is a folder, or a .code-workspace file (a window with several folders).
// Env: PASS_NAME (names artifacts), ARTIFACTS_DIR, RESULT_FILE (gets the pass's result), TEST_TIMEOUT_MS.
// Lines the tests print that this script acts on (see test/host/util.ts, index.ts and results.ts):
//   `ccmacro-host-result {"passes":N,"failures":N,"pending":N,"loaded":N,"problems":[…]}`  written to RESULT_FILE
//   `ccmacro-screenshot NAME`                         saves ARTIFACTS_DIR/NAME.png of the whole workbench
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');

function loadPlaywright() {
  const hostModules = path.resolve(__dirname, '../../.vscode-test/host/node_modules');
  try {
    return require(path.join(hostModules, 'playwright-core'));
  } catch {
    return require('playwright-core');
  }
}
const { chromium } = loadPlaywright();

const base = process.env.CS_BASE || 'http://127.0.0.1:18080';
const pass = process.env.PASS_NAME || 'trusted';
const artifacts = process.env.ARTIFACTS_DIR || path.resolve('test-artifacts');
const timeoutMs = +(process.env.TEST_TIMEOUT_MS || 300000);
const [devPath, testsPath, folder] = process.argv.slice(2);
const authority = new URL(base).host;
const payload = [
  ['extensionDevelopmentPath', `vscode-remote://${authority}${devPath}`],
  ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
];
const opens = folder.endsWith('.code-workspace') ? 'workspace' : 'folder';
const url = `${base}/?${opens}=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

const RESULT = 'ccmacro-host-result ';
const SHOT = 'ccmacro-screenshot ';
const BANNER = 'ccmacro host tests, pass ';
const WORKBENCH_NOISE =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|Ignoring fetching additional builtin|\[Service Worker\]|ChatSessionStore|Creation of workbench contribution|Request to '.*vscode-remote-resource.*' failed with status code|Unable to load and parse grammar|getaddrinfo ENOTFOUND)/;

(async () => {
  const t0 = Date.now();
  fs.mkdirSync(artifacts, { recursive: true });
  const consoleLog = [];
  let started = false;
  let reportingFailures = false;
  const seen = { passes: 0, failures: 0, pending: 0 };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let finish;
  const exited = new Promise(r => (finish = r));
  const shots = [];
  page.on('console', m => consoleLog.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', e => consoleLog.push(`[pageerror] ${(e && e.stack) || e}`));
  page.on('crash', () => finish('page crashed'));
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    const text = util.format(...args);
    if (text.startsWith(RESULT)) {
      if (process.env.RESULT_FILE) fs.writeFileSync(process.env.RESULT_FILE, text.slice(RESULT.length));
      return;
    }
    if (text.startsWith(SHOT)) {
      const name =
        text
          .slice(SHOT.length)
          .trim()
          .replace(/[^\w.-]+/g, '_') || 'shot';
      const file = path.join(artifacts, name.endsWith('.png') ? name : `${name}.png`);
      // Write to a temp name first so a test waiting for the file never reads half a PNG.
      shots.push(
        page
          .screenshot({ path: `${file}.part.png` })
          .then(() => fs.renameSync(`${file}.part.png`, file))
          .catch(() => {}),
      );
      return;
    }
    // Before run() starts only the workbench talks; after it, hide the workbench's known chatter.
    // Everything stays in test-artifacts/real-host-PASS.console.log.
    consoleLog.push(`[host:${_type}] ${text}`);
    if (text.startsWith(BANNER)) started = true;
    if (started && !WORKBENCH_NOISE.test(text)) {
      console.log(text);
      // Counted from the spec reporter's lines, for a summary when the run never finishes (timeout, crash).
      if (/^\s+✔ /.test(text)) seen.passes++;
      else if (/^\s+- /.test(text) && !reportingFailures) seen.pending++;
      else if (/^\s+\d+\) /.test(text) && !reportingFailures) seen.failures++;
      else if (/^\s+\d+ failing/.test(text)) reportingFailures = true;
    }
  });
  await page.exposeFunction('codeAutomationExit', code => finish(code));
  const timer = setTimeout(() => finish('timeout'), timeoutMs);
  await page.goto(url);
  const code = await exited;
  clearTimeout(timer);
  await Promise.all(shots);
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  fs.writeFileSync(path.join(artifacts, `real-host-${pass}.console.log`), consoleLog.join('\n') + '\n');
  if (code !== 0 && process.env.RESULT_FILE && !fs.existsSync(process.env.RESULT_FILE)) {
    // mocha never reported its totals: count what ran, plus one failure for the run that did not finish.
    const result = { ...seen, failures: seen.failures + 1, problems: [`the pass did not finish (${code})`] };
    fs.writeFileSync(process.env.RESULT_FILE, JSON.stringify(result));
  }
  if (code !== 0) {
    const shot = path.join(artifacts, `real-host-${pass}-failure.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    if (code === 'timeout')
      console.error(`real-host: pass '${pass}' timed out after ${seconds} s (CCMACRO_HOST_TIMEOUT_MS=${timeoutMs})`);
    else console.error(`real-host: pass '${pass}' ended with ${code} after ${seconds} s`);
    const errors = consoleLog
      .filter(l => /^\[(error|pageerror)\]/.test(l) && !/open-vsx\.org|ENOTFOUND/.test(l))
      .slice(-15);
    if (errors.length)
      console.error('browser console errors (last 15):\n  ' + errors.map(l => l.slice(0, 400)).join('\n  '));
    console.error(
      `screenshot: ${path.relative(process.cwd(), shot)}; browser console: test-artifacts/real-host-${pass}.console.log`,
    );
  } else {
    console.error(`real-host: pass '${pass}' finished in ${seconds} s`);
  }
  await browser.close();
  process.exit(code === 0 ? 0 : 1);
})().catch(e => {
  console.error('real-host: runner failed:', (e && e.message) || e);
  process.exit(2);
});
