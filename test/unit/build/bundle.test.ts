import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { importModule } from '../../importModule';
import { REPO_ROOT } from '../../root';

// The extension is built as ES modules split into chunks (scripts/build.mjs): dist/extension.mjs is what activation
// loads, with the chunks it imports statically; everything else sits behind an import() and loads on first use. The
// build's metafile (dist/extension.meta.json) says which source module went into which file.
const DIST = path.join(REPO_ROOT, 'dist');

interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<
    string,
    {
      bytes: number;
      inputs: Record<string, { bytesInOutput: number }>;
      imports: Array<{ path: string; kind: string; external?: boolean }>;
    }
  >;
}

interface Guards {
  activationInputs(meta: Metafile, outdir: string): { files: string[]; inputs: string[]; bytes: number };
  checkExtensionBuild(meta: Metafile, outdir: string): string[];
}

const guards = () =>
  importModule(pathToFileURL(path.join(REPO_ROOT, 'scripts/buildGuards.mjs')).href) as Promise<Guards>;

/** What activation does not load: each source module, and the packages they bring. */
const NOT_AT_ACTIVATION = [
  'node_modules/undici/',
  'node_modules/adaptivecards/',
  'src/core/check/validate.ts',
  'src/core/render/render.ts',
  'src/core/targets/render.ts',
  'src/core/tags/completion.ts',
  'src/core/tags/quickFixes.ts',
  'src/core/preview/renderPreview.ts',
  'src/core/send/send.ts',
  'src/extension/send/index.ts',
  'src/extension/preview/index.ts',
  'src/extension/create/newMacro.ts',
  'src/extension/testing/index.ts',
];

describe('the extension build (node scripts/build.mjs): ES modules, each module once', () => {
  const meta = (): Metafile => {
    const file = path.join(DIST, 'extension.meta.json');
    assert.ok(fs.existsSync(file), `${file} is missing: run \`node scripts/build.mjs\` before the unit tests`);
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Metafile;
  };
  const read = (rel: string) => fs.readFileSync(path.join(DIST, rel), 'utf8');
  const outputsWith = (m: Metafile, input: string) =>
    Object.entries(m.outputs)
      .filter(([, o]) => Object.entries(o.inputs).some(([i, x]) => i.includes(input) && x.bytesInOutput > 0))
      .map(([f]) => f);

  it('emits every module of the core in exactly one file', () => {
    const m = meta();
    const core = Object.keys(m.inputs).filter(i => i.startsWith('src/core/'));
    assert.ok(core.length > 100, `the extension holds the core (${core.length} modules)`);
    for (const input of core) assert.ok(outputsWith(m, input).length <= 1, `${input} is in more than one file`);
  });

  it('keeps the heavy parts and the features off the activation path, each reachable through an import()', async () => {
    const m = meta();
    const activation = (await guards()).activationInputs(m, 'dist');
    for (const part of NOT_AT_ACTIVATION) {
      assert.ok(!activation.inputs.some(i => i.includes(part)), `${part} is loaded at activation`);
      const [file] = outputsWith(m, part);
      assert.ok(file, `${part} is in the extension`);
      const importers = Object.values(m.outputs).filter(o =>
        o.imports.some(i => i.path === file && i.kind === 'dynamic-import'),
      );
      assert.ok(
        importers.length > 0 || Object.values(m.outputs).some(o => o.imports.some(i => i.path === file)),
        `nothing loads ${file}`,
      );
    }
    assert.ok(activation.files.length < Object.keys(m.outputs).length / 2, 'activation loads a small part');
  });

  it('leaves ajv and the macro schema out (VS Code checks the schema), and jsdiff (only the CLI prints diffs)', () => {
    const m = meta();
    for (const input of Object.keys(m.inputs)) {
      assert.ok(!/node_modules\/(ajv|diff)\//.test(input), `the extension bundles ${input}`);
      assert.ok(!input.endsWith('schemas/ccmacro.schema.json'), 'the extension bundles the macro schema');
    }
    assert.ok(read('cli.js').includes('strictSchema'), 'the CLI keeps its schema check');
    assert.ok(read('cli.js').includes('extractCommon'), 'and its diffs');
  });

  it('fails the build on a heavy package at activation, a module in two files, or ajv anywhere', async () => {
    const { checkExtensionBuild } = await guards();
    const output = (inputs: string[], imports: Array<{ path: string; kind: string }> = []) => ({
      bytes: 1,
      inputs: Object.fromEntries(inputs.map(i => [i, { bytesInOutput: 1 }])),
      imports,
    });
    const bad: Metafile = {
      inputs: {},
      outputs: {
        'out/extension.mjs': output(
          ['src/extension/extension.ts'],
          [{ path: 'out/chunks/a.mjs', kind: 'import-statement' }],
        ),
        'out/chunks/a.mjs': output(['node_modules/undici/index.js', 'src/core/host.ts', 'src/core/service/methods.ts']),
        'out/chunks/b.mjs': output(['src/core/host.ts', 'node_modules/ajv/dist/ajv.js']),
      },
    };
    const errors = checkExtensionBuild(bad, 'out');
    assert.equal(errors.length, 4, errors.join('\n'));
    assert.match(errors.join('\n'), /src\/core\/service\/methods\.ts is on the activation path/);
    assert.match(errors.join('\n'), /"undici" is on the activation path/);
    assert.match(errors.join('\n'), /node_modules\/ajv\/dist\/ajv\.js/);
    assert.match(errors.join('\n'), /src\/core\/host\.ts is in 2 files/);
    const good: Metafile = {
      inputs: {},
      outputs: {
        'out/extension.mjs': output(
          ['src/extension/extension.ts'],
          [{ path: 'out/chunks/a.mjs', kind: 'dynamic-import' }],
        ),
        'out/chunks/a.mjs': output(['node_modules/undici/index.js', 'src/core/host.ts']),
      },
    };
    assert.deepEqual(checkExtensionBuild(good, 'out'), []);
  });

  it('draws Teams cards with a webview script of their own, which the preview loads only for the Teams tab', () => {
    assert.ok(read('webview/teams.js').includes('Fallback will be used if present'), 'the renderer is in teams.js');
    assert.ok(read('webview/teams.js').includes('onProcessMarkdown'), 'with its Markdown processor');
    assert.ok(
      !read('webview/preview.js').includes('Fallback will be used if present'),
      'the preview script stays small',
    );
  });

  it('keeps vscode external: imported as a module, never bundled', () => {
    const m = meta();
    const imports = Object.values(m.outputs).flatMap(o => o.imports);
    assert.ok(imports.some(i => i.path === 'vscode' && i.external));
    assert.ok(!Object.keys(m.inputs).some(i => i.includes('node_modules/@types/vscode')));
    assert.match(read('extension.mjs'), /from\s*"vscode"/);
  });
});
