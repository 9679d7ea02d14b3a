import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './root';

/**
 * Whether this run rewrites golden and snapshot files. Only `npm run test:update-golden` turns it on (mocha
 * `--require out/test/updateGolden.js`, which refuses under CI): no environment variable does, so nothing left set
 * in a shell or a CI configuration can make a changed output pass by rewriting what it is compared with.
 */
let updating = false;

export function updatingGolden(): boolean {
  return updating;
}

/** Called by test/updateGolden.ts, the module `npm run test:update-golden` loads before the tests. */
export function startUpdatingGolden(): void {
  updating = true;
}

const UPDATE = 'npm run test:update-golden';

/**
 * Compares `actual` with the committed expected file. A missing file fails (a deleted golden file must not pass
 * silently); only `npm run test:update-golden` writes it (review the diff!).
 */
export function assertGolden(expectedFile: string, actual: string, hint = ''): void {
  const shown = path.relative(REPO_ROOT, expectedFile);
  if (updating) {
    fs.writeFileSync(expectedFile, actual);
    return;
  }
  assert.ok(fs.existsSync(expectedFile), `${shown} is missing: run ${UPDATE} to write it`);
  assert.equal(
    actual,
    fs.readFileSync(expectedFile, 'utf8'),
    `${shown} differs${hint ? `: ${hint}` : ''}; run ${UPDATE} if the change is intended (and review the diff)`,
  );
}
