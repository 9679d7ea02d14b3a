// `npm run package`: the .vsix. VS Code's extension Details page shows README pictures only from https or data:
// addresses, opens only http(s) links and in-page anchors, and there is no public repository to point at. So the
// README shipped in the .vsix is made here (scripts/docs/packaged.mjs): README.md with its pictures inlined as data:
// URIs and the docs, examples, CONTRIBUTING and LICENSE it links to appended, every link an in-page anchor. The
// CHANGELOG shipped heads the version packaged instead of "[Unreleased]". The .vsix must stay under 700 KB; this
// script fails when it does not.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packagedChangelog, packagedReadme } from './docs/packaged.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const MAX_VSIX_BYTES = 700 * 1024;

fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
fs.writeFileSync(path.join(root, 'dist', 'README.md'), packagedReadme());

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
const today = new Date().toISOString().slice(0, 10);
fs.writeFileSync(
  path.join(root, 'dist', 'CHANGELOG.md'),
  packagedChangelog(fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), pkg.version, today),
);
execFileSync(
  'npx',
  [
    'vsce',
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--no-rewrite-relative-links',
    '--readme-path',
    'dist/README.md',
    '--changelog-path',
    'dist/CHANGELOG.md',
    '--out',
    out,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);
const size = fs.statSync(out).size;
console.log(`${path.basename(out)}: ${(size / 1024).toFixed(1)} KB (limit ${MAX_VSIX_BYTES / 1024} KB)`);
if (size > MAX_VSIX_BYTES) {
  console.error('The .vsix is over its size limit: compress the pictures or keep the bundles leaner.');
  process.exit(1);
}
