// The npm package's type declarations: tsc emits a .d.ts for every module of src/cli/index.ts's program
// (tsconfig.types.json), and this keeps those the package's API reaches (src/cli/api.ts: the service and the types
// it names), in dist/types/ with the same folders. It fails when a kept declaration imports a package the npm
// package does not bring (a consumer's TypeScript could not resolve it).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const emitted = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-types-'));
try {
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.types.json', '--outDir', emitted],
    { cwd: root, stdio: 'inherit' },
  );
  const out = path.join(root, 'dist/types');
  fs.rmSync(out, { recursive: true, force: true });
  // Packages a declaration may name: Node's own modules (the consumer's @types/node), and the few bundled packages
  // whose types the API's types use, shipped as one declaration file each in dist/types/vendor/ (the package has no
  // dependencies: they are bundled into dist/cli.js).
  const allowed = /^node:/;
  const VENDORED = { 'jsonc-parser': 'node_modules/jsonc-parser/lib/umd/main.d.ts' };
  const vendored = new Set();
  const foreign = [];
  const seen = new Set();
  const queue = ['cli/index.d.ts'];
  while (queue.length) {
    const rel = queue.pop();
    if (seen.has(rel)) continue;
    seen.add(rel);
    let text = fs.readFileSync(path.join(emitted, rel), 'utf8');
    // Comments may quote code (`import … from 'ccmacro'`): only the declarations' own imports count.
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const m of code.matchAll(/(?:from\s+|import\(\s*)['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      if (spec in VENDORED) {
        vendored.add(spec);
        const to = path.posix.relative(path.posix.dirname(rel), `vendor/${spec}`);
        text = text.split(`'${spec}'`).join(`'${to.startsWith('.') ? to : `./${to}`}'`);
        continue;
      }
      if (!spec.startsWith('.')) {
        if (!allowed.test(spec)) foreign.push(`${rel} imports "${spec}"`);
        continue;
      }
      const base = path.posix.join(path.posix.dirname(rel), spec);
      const next = [`${base}.d.ts`, `${base}/index.d.ts`].find(f => fs.existsSync(path.join(emitted, f)));
      if (next) queue.push(next);
      else foreign.push(`${rel} imports "${spec}", which has no declaration`);
    }
    fs.mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
    fs.writeFileSync(path.join(out, rel), text);
  }
  for (const spec of vendored) {
    fs.mkdirSync(path.join(out, 'vendor'), { recursive: true });
    fs.copyFileSync(path.join(root, VENDORED[spec]), path.join(out, 'vendor', `${spec}.d.ts`));
  }
  if (foreign.length) {
    console.error(`✘ the package's declarations name what it does not ship:\n  ${foreign.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`dist/types: ${seen.size} declaration files`);
} finally {
  fs.rmSync(emitted, { recursive: true, force: true });
}
