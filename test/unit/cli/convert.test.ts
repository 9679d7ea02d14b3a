import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';

const BIN = path.join(REPO_ROOT, 'bin', 'ccmacro.js');

function ccmacro(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const MACRO = [
  '{',
  '  // ((Title)) in a comment stays',
  '  "name": "Escalate",',
  '  "request": {',
  '    "method": "POST",',
  '    "url": "https://a.example/((Feedback ID))",',
  '    "body": { "text": "((Title)) by ((Submitter Name)) \\\\((not a tag))", "n": "((Vote Count)):number" }',
  '  }',
  '}',
  '',
].join('\r\n');

describe('ccmacro convert --tag-syntax (spawned)', function () {
  this.timeout(120000);
  let tmp: string;

  before(() => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  });
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-convert-'));
    fs.mkdirSync(path.join(tmp, '.git'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const write = (rel: string, text: string) => {
    const file = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };
  const read = (rel: string) => fs.readFileSync(path.join(tmp, rel), 'utf8');

  it('converts every macro and the project setting to brackets, and back to the original bytes', () => {
    write('macros/a.ccmacro.json', MACRO);
    write('macros/deep/b.ccmacro.json', '{ "name": "B", "request": { "url": "https://b.example/" } }\n');
    const there = ccmacro(['convert', '--tag-syntax', 'brackets'], tmp);
    assert.equal(there.code, 0, there.stderr);
    assert.equal(
      read('macros/a.ccmacro.json'),
      MACRO.replace('/((Feedback ID))', '/[[Feedback ID]]')
        .replace('"((Title)) by ((Submitter Name)) \\\\((not', '"[[Title]] by [[Submitter Name]] \\\\((not')
        .replace('((Vote Count))', '[[Vote Count]]'),
    );
    assert.equal(read('.ccmacro/config.json'), '{\n  "tagSyntax": "brackets"\n}\n');
    assert.match(there.stdout, /^macros\/a\.ccmacro\.json: converted 4 tags$/m);
    assert.match(there.stdout, /^\.ccmacro\/config\.json: "tagSyntax": "brackets" \(new file\)$/m);
    // The converted project validates clean of tag problems, in its new syntax.
    const valid = ccmacro(['validate'], tmp);
    assert.doesNotMatch(valid.stdout, /tag\//, valid.stdout);
    // Render sends the same request as before.
    const rendered = ccmacro(['render', 'macros/a.ccmacro.json'], tmp);
    assert.equal(rendered.code, 0, rendered.stderr);
    assert.match(rendered.stdout, /"text": ".* by .*\(\(not a tag\)\)"/);

    const back = ccmacro(['convert', '--tag-syntax', 'parentheses', '.'], tmp);
    assert.equal(back.code, 0, back.stderr);
    assert.equal(read('macros/a.ccmacro.json'), MACRO);
    assert.equal(read('.ccmacro/config.json'), '{\n  "tagSyntax": "parentheses"\n}\n');
    const again = ccmacro(['convert', '--tag-syntax', 'parentheses'], tmp);
    assert.match(again.stdout, /already parentheses/);
  });

  it('keeps comments and other settings in an existing config, and reads the nearest config up the tree', () => {
    write('.ccmacro/config.json', '{\n  // our edition\n  "tagSyntax": "parentheses",\n}\n');
    write('a.ccmacro.json', MACRO);
    write('nested/.ccmacro/config.json', '{ "tagSyntax": "brackets" }');
    const nested = write(
      'nested/n.ccmacro.json',
      '{ "name": "N", "request": { "url": "https://n.example/[[Title]]" } }\n',
    );
    const r = ccmacro(['convert', '--tag-syntax', 'brackets', 'a.ccmacro.json', 'nested'], tmp);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(read('.ccmacro/config.json'), '{\n  // our edition\n  "tagSyntax": "brackets",\n}\n');
    assert.match(r.stdout, /nested\/n\.ccmacro\.json: already brackets/);
    assert.equal(
      fs.readFileSync(nested, 'utf8'),
      '{ "name": "N", "request": { "url": "https://n.example/[[Title]]" } }\n',
    );
  });

  it('refuses, located, and writes nothing when a file holds the target syntax already, or a macro of the project is left out', () => {
    write('a.ccmacro.json', MACRO);
    const bad =
      '{ "name": "X", "request": { "url": "https://x.example/",\n  "body": { "t": "a [[literal]] ((Title))" } } }\n';
    write('x.ccmacro.json', bad);
    const r = ccmacro(['convert', '--tag-syntax', 'brackets'], tmp);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^x\.ccmacro\.json:2:21: error: .*\[convert\/target-syntax-present\]$/m);
    assert.match(r.stderr, /Nothing was converted\./);
    assert.equal(read('a.ccmacro.json'), MACRO, 'the other file is not written either');
    assert.equal(read('x.ccmacro.json'), bad);
    assert.ok(!fs.existsSync(path.join(tmp, '.ccmacro')), 'no config written');

    fs.rmSync(path.join(tmp, 'x.ccmacro.json'));
    write('other/o.ccmacro.json', MACRO);
    const partial = ccmacro(['convert', '--tag-syntax', 'brackets', 'a.ccmacro.json'], tmp);
    assert.equal(partial.code, 1);
    assert.match(
      partial.stderr,
      /^other\/o\.ccmacro\.json \(\.ccmacro\/config\.json\): error: .*\[convert\/left-out\]$/m,
    );
    assert.equal(read('a.ccmacro.json'), MACRO);
  });

  it('never writes through a symbolic link', function () {
    if (process.platform === 'win32') this.skip();
    write('a.ccmacro.json', MACRO);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-outside-'));
    try {
      fs.symlinkSync(outside, path.join(tmp, '.ccmacro'));
      const r = ccmacro(['convert', '--tag-syntax', 'brackets'], tmp);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /\.ccmacro is a symbolic link, so ccmacro does not read this config/);
      assert.deepEqual(fs.readdirSync(outside), []);
      assert.equal(read('a.ccmacro.json'), MACRO);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('says how to use it when --tag-syntax is missing or wrong', () => {
    const r = ccmacro(['convert', '--tag-syntax', 'curly'], tmp);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--tag-syntax must be parentheses or brackets \(not "curly"\)/);
    assert.equal(ccmacro(['convert'], tmp).code, 2);
  });
});
