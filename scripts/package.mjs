// `npm run package`: the .vsix. VS Code's extension Details page shows README pictures only from https or data:
// addresses (a relative picture shows as its alt text, even from inside the .vsix), and there is no public
// repository to point at. So the README shipped in the .vsix is made here: README.md with each docs/images picture
// inlined as a data: URI. The .vsix must stay under 700 KB; this script fails when it does not.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const MAX_VSIX_BYTES = 700 * 1024;

const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const inlined = readme.replace(/\]\((docs\/images\/[\w.-]+\.png)\)/g, (_m, rel) => {
  const data = fs.readFileSync(path.join(root, rel)).toString('base64');
  return `](data:image/png;base64,${data})`;
});
fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
fs.writeFileSync(path.join(root, 'dist', 'README.md'), inlined);

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
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
