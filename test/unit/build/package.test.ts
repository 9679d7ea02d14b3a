import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';
import { packTarball } from './pack';

// The npm package as a user gets it: `npm pack` (its prepack build included) in a copy of this repository,
// `npm install -D ./ccmacro-<version>.tgz` into a fresh folder of macros, then the CLI from there.
describe('the npm package (npm pack → npm install into another project → npx ccmacro)', function () {
  this.timeout(240_000);
  let work: string;
  let project: string;
  const version = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version as string;
  const ccmacro = (...args: string[]) =>
    spawnSync(path.join(project, 'node_modules', '.bin', 'ccmacro'), args, { cwd: project, encoding: 'utf8' });

  let tarball: string;
  /** What `npm install` printed (stdout and stderr). */
  let installOutput: string;

  before(() => {
    tarball = packTarball();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-installed-'));
    project = path.join(work, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'my-macros', private: true }));
    fs.cpSync(path.join(REPO_ROOT, 'examples'), path.join(project, 'macros'), { recursive: true });
    // --foreground-scripts and the default log level: npm would print any install script it runs, and its warnings.
    const install = spawnSync(
      'npm',
      ['install', '-D', '--offline', '--no-audit', '--no-fund', '--foreground-scripts', tarball],
      { cwd: project, encoding: 'utf8' },
    );
    assert.equal(install.status, 0, install.stdout + install.stderr);
    installOutput = install.stdout + install.stderr;
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('holds only what runs: the bundled CLI, schemas, catalog, built-in samples and the docs', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map(f => f.replace(/^package\//, ''))
      .sort();
    assert.deepEqual(
      files.filter(f => !/^(schemas|catalog|samples\/builtin|dist\/types)\//.test(f)),
      ['CHANGELOG.md', 'LICENSE', 'README.md', 'bin/ccmacro.js', 'dist/cli.js', 'package.json'],
    );
    assert.ok(files.includes('dist/types/cli/index.d.ts'), "the API's type declarations");
    assert.deepEqual(
      files.filter(f => f.startsWith('dist/types/') && !f.endsWith('.d.ts')),
      [],
      'only declarations',
    );
    const installed = JSON.parse(fs.readFileSync(path.join(project, 'node_modules/ccmacro/package.json'), 'utf8'));
    assert.equal(installed.dependencies, undefined, 'nothing else to download: the CLI is one bundled file');
  });

  it('prints its version', () => {
    const r = ccmacro('--version');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${version}\n`);
  });

  it('validates and renders the macros of the project it is installed in', () => {
    const v = ccmacro('validate');
    assert.equal(v.status, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /files? checked: no problems/);
    const r = ccmacro('render', 'macros/slack-escalate-blocker.ccmacro.json');
    assert.equal(r.status, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout).blocks, 'the rendered Slack body');
  });

  it('reports a broken macro with its location and exit code 1', () => {
    fs.writeFileSync(
      path.join(project, 'macros', 'broken.ccmacro.json'),
      '{ "name": "Broken", "request": { "method": "POST" } }',
    );
    const v = ccmacro('validate', 'macros/broken.ccmacro.json');
    assert.equal(v.status, 1);
    assert.match(v.stdout, /^macros\/broken\.ccmacro\.json:1:\d+: error: /m);
  });

  it('runs nothing on install: no install scripts, and npm prints no script or warning', () => {
    const installed = JSON.parse(fs.readFileSync(path.join(project, 'node_modules/ccmacro/package.json'), 'utf8'));
    const scripts = Object.keys(installed.scripts ?? {});
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare'])
      assert.ok(!scripts.includes(hook), `the package has a "${hook}" script`);
    assert.doesNotMatch(installOutput, /npm warn|> ccmacro@|scripts\/build/i, installOutput);
  });

  it('require("ccmacro") and import("ccmacro") give the API, from a CommonJS and an ES module script', () => {
    const macro = 'macros/slack-escalate-blocker.ccmacro.json';
    const body = (load: string) => `${load}
const service = ccmacro.createNodeService();
ccmacro.readMacroFile(${JSON.stringify(macro)}).then(async doc => {
  const { problems } = await service.validate(doc);
  const { result } = await service.renderWithSample(doc);
  console.log(JSON.stringify({ problems: problems.length, method: result.request.method, keys: Object.keys(ccmacro).sort() }));
  await service.dispose();
});`;
    fs.writeFileSync(path.join(project, 'use.cjs'), body("const ccmacro = require('ccmacro');"));
    fs.writeFileSync(path.join(project, 'use.mjs'), body("import * as ccmacro from 'ccmacro';"));
    for (const script of ['use.cjs', 'use.mjs']) {
      const r = spawnSync(process.execPath, [script], { cwd: project, encoding: 'utf8' });
      assert.equal(r.status, 0, `${script}: ${r.stderr}`);
      const out = JSON.parse(r.stdout);
      assert.equal(out.problems, 0, script);
      assert.equal(out.method, 'POST', script);
      for (const name of ['createNodeService', 'readMacroFile', 'formatProblem', 'problemPosition', 'main'])
        assert.ok(out.keys.includes(name), `${script}: ${name} in ${out.keys}`);
    }
  });

  it("TypeScript resolves the package's types in the consuming project (node16, bundler and node10 resolution)", () => {
    fs.writeFileSync(
      path.join(project, 'typed.ts'),
      `import { createNodeService, readMacroFile, problemPosition, type Problem, type MacroTestResult } from 'ccmacro';
export async function check(file: string): Promise<number> {
  const service = createNodeService();
  const doc = await readMacroFile(file);
  const { problems, lines } = await service.validate(doc, { builtinCatalog: true });
  const first: Problem | undefined = problems[0];
  const where: number = first ? problemPosition(first, lines).line : 0;
  const test: MacroTestResult = await service.testSnapshot(doc);
  const statuses: string[] = test.items.map(i => i.status);
  // @ts-expect-error: the types say what a method takes
  await service.validate('not a document');
  await service.dispose();
  return where + statuses.length;
}
`,
    );
    const tsc = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    for (const [module, resolution] of [
      ['node16', 'node16'],
      ['esnext', 'bundler'],
      ['commonjs', 'node10'],
    ]) {
      const r = spawnSync(
        process.execPath,
        [
          tsc,
          '--noEmit',
          '--strict',
          '--skipLibCheck',
          'false',
          '--module',
          module,
          '--moduleResolution',
          resolution,
          '--target',
          'es2022',
          '--typeRoots',
          path.join(REPO_ROOT, 'node_modules/@types'),
          '--types',
          'node',
          'typed.ts',
        ],
        { cwd: project, encoding: 'utf8' },
      );
      assert.equal(r.status, 0, `${resolution}: ${r.stdout}${r.stderr}`);
    }
  });

  it("docs/api.md's example runs as written against the installed package and prints what the page shows", () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/api.md'), 'utf8');
    const block = (marker: string) => {
      const m = new RegExp(`<!-- ${marker} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\`\\n`).exec(doc);
      assert.ok(m, `docs/api.md has no block after <!-- ${marker} -->`);
      return m[1];
    };
    fs.writeFileSync(path.join(project, 'check-macro.mjs'), block('api:example'));
    const r = spawnSync(process.execPath, ['check-macro.mjs', 'macros/slack-escalate-blocker.ccmacro.json'], {
      cwd: project,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, block('api:example-output'));
  });

  it('`npx ccmacro receive &` then `kill $!`: killing npx stops the receiver it started', async () => {
    const npx = spawn('npx', ['--no-install', 'ccmacro', 'receive'], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    npx.stdout.setEncoding('utf8');
    npx.stdout.on('data', (c: string) => (out += c));
    const until = async (probe: () => boolean, what: string) => {
      for (let i = 0; i < 300 && !probe(); i++) await new Promise(r => setTimeout(r, 50));
      assert.ok(probe(), `${what}: ${out}`);
    };
    await until(() => /Listening on http:\/\/127\.0\.0\.1:\d+/.test(out), 'it listens');
    const url = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1];
    npx.kill('SIGTERM'); // the pid a shell's $! names: npm's, not the receiver's
    await until(() => /Receiver stopped after 0 requests/.test(out), 'the receiver says it stopped');
    await assert.rejects(fetch(`${url}/after`, { method: 'POST', body: 'x' }), 'nothing listens any more');
  });
});
