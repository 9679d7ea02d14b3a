import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';
import { npm, packTarball } from './pack';

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

  before(() => {
    tarball = packTarball();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-installed-'));
    project = path.join(work, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'my-macros', private: true }));
    fs.cpSync(path.join(REPO_ROOT, 'examples'), path.join(project, 'macros'), { recursive: true });
    npm(['install', '-D', '--offline', tarball], project);
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('holds only what runs: the bundled CLI, schemas, catalog, built-in samples and the docs', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map(f => f.replace(/^package\//, ''))
      .sort();
    assert.deepEqual(
      files.filter(f => !/^(schemas|catalog|samples\/builtin)\//.test(f)),
      ['CHANGELOG.md', 'LICENSE', 'README.md', 'bin/ccmacro.js', 'dist/cli.js', 'package.json'],
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
});
