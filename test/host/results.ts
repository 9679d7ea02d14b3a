/**
 * What a real-host run adds up to, so that it cannot report success for tests it never ran. Plain Node (no
 * `vscode`): test/host/index.ts counts each pass with it inside the extension host, scripts/real-host/run.sh sums the
 * passes with it (`node out/test/host/results.js DIR`), and test/unit/build/testGuards.test.ts tests it.
 *
 * A pass is trusted only when every test mocha loaded ran (passed, failed or was skipped) and, without a grep,
 * when it loaded tests at all and every test file registered at least one. A whole run is trusted only when it ran
 * some test: a CCMACRO_HOST_GREP that matches nothing in any pass is an error, not "0 passed, 0 failed".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One pass's totals: the `ccmacro-host-result` line the extension host prints (run-ext-tests.js relays it). */
export interface PassResult {
  passes: number;
  failures: number;
  /** Skipped tests (`this.skip()`, a test without a body). */
  pending: number;
  /** Tests mocha loaded for this run (after the grep); absent when the pass never got as far as counting. */
  loaded?: number;
  /** Why the pass cannot be trusted apart from failed tests (each makes it fail). */
  problems: string[];
}

/** What mocha reports about one finished pass, as test/host/index.ts collects it. */
export interface PassCounts {
  /** Tests mocha selected to run (runner.total: every test loaded, narrowed by the grep). */
  loaded: number;
  /** Tests that ended: passed, failed or skipped (mocha's stats.tests; a failing hook is not a test). */
  ended: number;
  passes: number;
  failures: number;
  pending: number;
  /** Each test file of the pass and how many tests it registered (before the grep). */
  testsPerFile: Array<{ file: string; tests: number }>;
  /** CCMACRO_HOST_GREP, or '' for the whole suite. */
  grep: string;
}

export function passResult(c: PassCounts): PassResult {
  const problems: string[] = [];
  if (!c.grep) {
    if (c.testsPerFile.length === 0) problems.push('the pass found no test file');
    for (const f of c.testsPerFile)
      if (f.tests === 0) problems.push(`${path.basename(f.file)} registers no test (a suite that returned early?)`);
    if (c.loaded === 0 && c.testsPerFile.length > 0) problems.push('the pass loaded no test');
  }
  if (c.ended < c.loaded) problems.push(`${c.loaded - c.ended} of the ${c.loaded} tests loaded never ran`);
  return { passes: c.passes, failures: c.failures, pending: c.pending, loaded: c.loaded, problems };
}

/** A pass as scripts/real-host/run.sh records it: its name, the runner's exit status, its result when it printed one. */
export interface RecordedPass {
  pass: string;
  exitCode: number;
  result?: Partial<PassResult>;
}

export interface RunSummary {
  /** `real-host: N passed, N failed, N skipped` — the line npm test and CI read. */
  line: string;
  /** Why the run failed beyond failed tests, one sentence each. */
  problems: string[];
  ok: boolean;
}

export function summarize(passes: RecordedPass[], grep: string): RunSummary {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let loaded = 0;
  let counted = true;
  const problems: string[] = [];
  for (const p of passes) {
    const r = p.result ?? {};
    const passProblems = r.problems ?? [];
    passed += r.passes ?? 0;
    skipped += r.pending ?? 0;
    let f = r.failures ?? 0;
    for (const why of passProblems) problems.push(`pass '${p.pass}': ${why}`);
    if (!p.result) problems.push(`pass '${p.pass}' reported no result (exit status ${p.exitCode})`);
    // A pass that ended badly, or cannot be trusted, with no failed test to show for it counts as one failure.
    if (f === 0 && (p.exitCode !== 0 || passProblems.length > 0 || !p.result)) f = 1;
    failed += f;
    if (typeof r.loaded === 'number') loaded += r.loaded;
    else counted = false;
  }
  if (passes.length === 0) {
    problems.push('no pass ran');
    failed += 1;
  } else if (counted && loaded === 0 && grep) {
    problems.push(`no host test matched CCMACRO_HOST_GREP=${JSON.stringify(grep)}`);
    failed += 1;
  }
  return { line: `real-host: ${passed} passed, ${failed} failed, ${skipped} skipped`, problems, ok: failed === 0 };
}

/** Reads what run.sh recorded in DIR: PASS.exit (the runner's exit status) and PASS.json (its result, if any). */
export function readRecordedPasses(dir: string): RecordedPass[] {
  const out: RecordedPass[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith('.exit')) continue;
    const pass = name.slice(0, -'.exit'.length);
    const exitCode = Number(fs.readFileSync(path.join(dir, name), 'utf8').trim());
    const json = path.join(dir, `${pass}.json`);
    let result: Partial<PassResult> | undefined;
    if (fs.existsSync(json)) {
      try {
        result = JSON.parse(fs.readFileSync(json, 'utf8')) as Partial<PassResult>;
      } catch {
        result = undefined;
      }
    }
    out.push({ pass, exitCode: Number.isInteger(exitCode) ? exitCode : 1, result });
  }
  return out;
}

// `node out/test/host/results.js DIR`: the summary of the passes run.sh recorded in DIR; problems on stderr, the
// summary line alone on stdout; exit status 1 when the run failed.
if (require.main === module) {
  const summary = summarize(readRecordedPasses(process.argv[2]), process.env.CCMACRO_HOST_GREP ?? '');
  for (const p of summary.problems) process.stderr.write(`real-host: ${p}\n`);
  process.stdout.write(`${summary.line}\n`);
  process.exitCode = summary.ok ? 0 : 1;
}
