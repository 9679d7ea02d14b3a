/**
 * `npm run test:update-golden` loads this before the unit tests (mocha --require): that run rewrites the golden and
 * snapshot files instead of comparing with them. Refused under CI, where a rewritten file would make any change pass.
 */
import { startUpdatingGolden } from './golden';

const ci = process.env.CI;
if (ci && ci !== 'false' && ci !== '0') {
  process.stderr.write(
    `golden files are never rewritten under CI (CI=${ci}): run npm run test:update-golden locally\n`,
  );
  process.exit(1);
}
startUpdatingGolden();
