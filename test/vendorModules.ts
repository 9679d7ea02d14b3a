/**
 * Code run from out/ (mocha, `npm run bench`) loads `adaptivecards` from the bundle scripts/build.mjs writes to
 * out/vendor/adaptivecards.js (the part of the library src/core/targets/teams/adaptiveCards.ts names). Node cannot load the
 * package itself (its ESM `lib/` imports files without extensions); esbuild can. Loaded first by .mocharc.json and
 * bench/index.ts.
 */
import Module from 'node:module';
import * as path from 'node:path';
import { REPO_ROOT } from './root';

const BUNDLED: Record<string, string> = { adaptivecards: path.join(REPO_ROOT, 'out', 'vendor', 'adaptivecards.js') };

const loader = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
  return resolve.call(this, BUNDLED[request] ?? request, ...rest);
};
