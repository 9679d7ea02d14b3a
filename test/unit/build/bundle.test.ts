import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';

// dist/extension.js is what VS Code parses on activation. Everything below lives in its own chunk in dist/lazy/,
// loaded by the first command or send that needs it (scripts/build.mjs): each is identified by a string only its
// own code contains.
const DIST = path.join(REPO_ROOT, 'dist');
const LAZY: Record<string, string> = {
  undici: 'llhttp',
  send: 'Test webhook (sent to the local test receiver):',
  preview: '<title>ccmacro preview</title>',
  create: 'New macro from Centercode (1/4): body',
  testing: 'If the change is what you meant, Update Snapshot accepts it.',
  sender: 'CCMACRO_TOO_LARGE',
  adaptivecards: 'Fallback will be used if present',
  targetRender: '(with sample ',
  target: '"target" already says where this posts',
  targetFix: 'Remove "slack" ("target" says what the macro posts to)',
  renders: 'the preview and a send with it stop here',
  catalogEdit: '["tags", -1]',
};

describe('activation bundle and lazy chunks (built by `node scripts/build.mjs`)', () => {
  const read = (rel: string) => {
    const file = path.join(DIST, rel);
    assert.ok(fs.existsSync(file), `${file} is missing: run \`node scripts/build.mjs\` before the unit tests`);
    return fs.readFileSync(file, 'utf8');
  };
  const bundles = () => [
    'extension.js',
    ...fs
      .readdirSync(path.join(DIST, 'lazy'))
      .filter(f => f.endsWith('.js'))
      .map(f => `lazy/${f}`),
  ];

  for (const [name, marker] of Object.entries(LAZY)) {
    it(`${name}: in dist/lazy/${name}.js, not in the activation bundle, and required from another bundle`, () => {
      assert.ok(read(`lazy/${name}.js`).includes(marker), `the marker "${marker}" identifies ${name}'s code`);
      assert.ok(!read('extension.js').includes(marker), `${name}'s code is in the activation bundle`);
      const requiredBy = bundles().filter(b => {
        const text = read(b);
        return b === 'extension.js'
          ? text.includes(`require("./lazy/${name}.js")`)
          : text.includes(`require("./${name}.js")`);
      });
      assert.ok(requiredBy.length > 0, `nothing loads dist/lazy/${name}.js`);
    });
  }

  it('draws Teams cards with a webview script of their own, which the preview loads only for the Teams tab', () => {
    assert.ok(read('webview/teams.js').includes(LAZY.adaptivecards), 'the renderer is in dist/webview/teams.js');
    assert.ok(read('webview/teams.js').includes('onProcessMarkdown'), 'with its Markdown processor');
    assert.ok(!read('webview/preview.js').includes(LAZY.adaptivecards), 'the preview script stays small');
  });

  it('no chunk bundles another chunk: each is reached through require()', () => {
    for (const b of bundles()) {
      const self = path.basename(b, '.js');
      for (const [name, marker] of Object.entries(LAZY)) {
        if (name !== self) assert.ok(!read(b).includes(marker), `${b} contains ${name}'s code`);
      }
    }
  });

  it('leaves jsdiff out: only the CLI prints unified diffs (the Test Explorer hands both texts to VS Code)', () => {
    assert.ok(read('cli.js').includes('extractCommon'));
    for (const b of bundles()) assert.ok(!read(b).includes('extractCommon'), `${b} bundles jsdiff`);
  });

  it('leaves the schema check out of the extension (ajv, the schema JSON): VS Code checks the schema there', () => {
    for (const b of bundles()) {
      const text = read(b);
      assert.ok(!text.includes('strictSchema'), `${b} holds ajv`);
      assert.ok(!text.includes('defaultSnippets'), `${b} holds the macro schema`);
    }
    assert.ok(
      fs.readFileSync(path.join(DIST, 'cli.js'), 'utf8').includes('strictSchema'),
      'the CLI keeps its schema check',
    );
  });

  it('keeps vscode external', () => {
    assert.ok(read('extension.js').includes('require("vscode")'));
  });
});
