import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './root';

/** The one switch that rewrites golden and snapshot files: `UPDATE_GOLDEN=1 npm run test:unit` (review the diff!). */
export const UPDATING_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/**
 * Compares `actual` with the committed expected file. A missing file fails (a deleted golden file must not pass
 * silently); only UPDATE_GOLDEN=1 writes it.
 */
export function assertGolden(expectedFile: string, actual: string, hint = ''): void {
  const shown = path.relative(REPO_ROOT, expectedFile);
  if (UPDATING_GOLDEN) {
    fs.writeFileSync(expectedFile, actual);
    return;
  }
  assert.ok(fs.existsSync(expectedFile), `${shown} is missing: run the tests with UPDATE_GOLDEN=1 to write it`);
  assert.equal(
    actual,
    fs.readFileSync(expectedFile, 'utf8'),
    `${shown} differs${hint ? `: ${hint}` : ''}; run with UPDATE_GOLDEN=1 if the change is intended`,
  );
}
