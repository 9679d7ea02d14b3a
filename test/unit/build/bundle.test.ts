import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';

// The extension bundle is what VS Code loads on activation: the HTTP client (undici) and the schema compiler (ajv)
// must stay out of it, in dist/lazy/, loaded by the first send or CLI-style schema check (see scripts/build.mjs).
const DIST = path.join(REPO_ROOT, 'dist');
const MARKERS: Record<string, string> = { undici: 'llhttp', ajv: 'strictSchema' };

describe('activation bundle (dist/extension.js, built by `node scripts/build.mjs`)', () => {
  const read = (rel: string) => {
    const file = path.join(DIST, rel);
    assert.ok(fs.existsSync(file), `${file} is missing: run \`node scripts/build.mjs\` before the unit tests`);
    return fs.readFileSync(file, 'utf8');
  };

  for (const [name, marker] of Object.entries(MARKERS)) {
    it(`leaves ${name} out and loads it from dist/lazy/${name}.js on first use`, () => {
      const bundle = read('extension.js');
      assert.ok(read(`lazy/${name}.js`).includes(marker), `the marker "${marker}" identifies ${name}'s code`);
      assert.ok(!bundle.includes(marker), `${name}'s code is in the activation bundle`);
      if (bundle.includes(`"${name}"`) || bundle.includes(`./lazy/${name}.js`)) {
        assert.ok(bundle.includes(`require("./lazy/${name}.js")`), `${name} is reached through its lazy chunk`);
      }
    });
  }

  it('keeps vscode external', () => {
    assert.ok(read('extension.js').includes('require("vscode")'));
  });
});
