import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';

// docs/cli.md against the CLI itself: every command the CLI knows has a section, whose synopsis is the command's own
// `--help` usage, and which names every option that --help lists; `ccmacro --help` lists each command with options
// it has. A command added to the CLI (src/cli/main.ts COMMANDS) fails here until docs/cli.md has its section.

const BIN = path.join(REPO_ROOT, 'bin', 'ccmacro.js');
const ccmacro = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const cliDoc = () => fs.readFileSync(path.join(REPO_ROOT, 'docs/cli.md'), 'utf8');

/** The commands, as the CLI lists them when it is given one it does not know. */
function commands(): string[] {
  const r = ccmacro('no-such-command');
  const m = /Commands: ([a-z, -]+)\./.exec(r.stderr);
  assert.ok(m, r.stderr);
  return m[1].split(', ');
}

/** The usage lines of `ccmacro COMMAND --help`, without "Usage: " and the continuation's indentation. */
function usage(help: string): string[] {
  const lines: string[] = [];
  for (const line of help.split('\n')) {
    if (lines.length === 0) {
      assert.match(line, /^Usage: /);
      lines.push(line.slice('Usage: '.length));
    } else if (/^ {7}ccmacro /.test(line)) lines.push(line.trim());
    else break;
  }
  return lines;
}

const options = (text: string) => new Set([...text.matchAll(/--[a-z][a-z-]*/g)].map(m => m[0]));

/** The section `## ccmacro NAME` of docs/cli.md, up to the next `## `. */
function section(doc: string, name: string): string | undefined {
  const start = doc.indexOf(`\n## ccmacro ${name}\n`);
  if (start < 0) return undefined;
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

describe('docs/cli.md is checked against the CLI', function () {
  this.timeout(60000);
  before(() => assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist/cli.js')), 'build first: node scripts/build.mjs'));

  it('has a section per command, whose synopsis is the usage its --help prints', () => {
    const doc = cliDoc();
    const all = commands();
    assert.ok(all.length >= 8 && all.includes('test') && all.includes('diff'), all.join(', '));
    for (const name of all) {
      const text = section(doc, name);
      assert.ok(text, `docs/cli.md has no "## ccmacro ${name}" section`);
      const synopsis = /```sh\n([\s\S]*?)```/.exec(text)?.[1].trim().split('\n');
      const help = ccmacro(name, '--help');
      assert.equal(help.status, 0, help.stderr);
      assert.deepEqual(synopsis, usage(help.stdout), `the synopsis of "## ccmacro ${name}"`);
    }
  });

  it("names every option a command's --help lists in that command's section", () => {
    const doc = cliDoc();
    for (const name of commands()) {
      const help = ccmacro(name, '--help').stdout;
      const text = section(doc, name)!;
      const missing = [...options(help)].filter(o => o !== '--help' && !options(text).has(o));
      assert.deepEqual(missing, [], `"## ccmacro ${name}" does not mention`);
      // The option each bullet starts with (`- \`--format body\` …`) is the command's own.
      const described = [...text.matchAll(/^- `(--[a-z][a-z-]*)/gm)].map(m => m[1]);
      const unknown = described.filter(o => !options(help).has(o));
      assert.deepEqual(unknown, [], `"## ccmacro ${name}" describes options "ccmacro ${name} --help" does not list`);
    }
  });

  it('`ccmacro --help` lists every command, each with options its own --help has', () => {
    const main = ccmacro('--help');
    assert.equal(main.status, 0);
    for (const name of commands()) {
      const lines = main.stdout.split('\n').filter(l => l.trimStart().startsWith(`ccmacro ${name} `));
      assert.ok(lines.length, `ccmacro --help has no line for ${name}`);
      const own = options(ccmacro(name, '--help').stdout);
      for (const o of options(lines.join('\n'))) assert.ok(own.has(o), `ccmacro --help: ${name} ${o}`);
    }
  });
});

/**
 * Sample output in the docs, run: a ```console block after `<!-- output: {…} -->` is a sequence of `$ npx ccmacro …`
 * commands, each followed by what it prints (stdout, then stderr). They run one after another in a fresh folder set up
 * as the JSON says: `examples` copies this repository's examples/ (`"no snapshots"`: without their .snap.http files),
 * `fixture` copies a folder of test/fixtures/ to the top, `git` commits it all, then `edit` replaces a text in a file.
 * A line `…` in the expected output stands for any lines.
 */
interface OutputSetup {
  examples?: true | 'no snapshots';
  fixture?: string;
  git?: boolean;
  edit?: [file: string, from: string, to: string];
  /** A ```json block instead: the arguments whose JSON output it shows (compared as JSON, not as text). */
  json?: string;
}

const OUTPUT_PAGES = ['docs/cli.md', 'docs/review.md', 'docs/ci.md', 'README.md'];

function outputBlocks(page: string): Array<{ setup: OutputSetup; text: string; line: number }> {
  const doc = fs.readFileSync(path.join(REPO_ROOT, page), 'utf8');
  return [...doc.matchAll(/<!-- output: (\{.*?\}) -->\n```(?:console|json)\n([\s\S]*?)```\n/g)].map(m => ({
    setup: JSON.parse(m[1]) as OutputSetup,
    text: m[2],
    line: doc.slice(0, m.index).split('\n').length,
  }));
}

function setUp(setup: OutputSetup): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-docs-'));
  if (setup.examples)
    fs.cpSync(path.join(REPO_ROOT, 'examples'), path.join(dir, 'examples'), {
      recursive: true,
      filter: f => setup.examples === true || !f.endsWith('.snap.http'),
    });
  if (setup.fixture) fs.cpSync(path.join(REPO_ROOT, 'test/fixtures', setup.fixture), dir, { recursive: true });
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  };
  git('init', '-q');
  if (setup.git) {
    git('add', '.');
    git('-c', 'user.name=docs', '-c', 'user.email=docs@example.com', 'commit', '-qm', 'macros');
  }
  if (setup.edit) {
    const [file, from, to] = setup.edit;
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    assert.ok(text.includes(from), `${file} holds ${from}`);
    fs.writeFileSync(path.join(dir, file), text.split(from).join(to));
  }
  return dir;
}

/** Whether `actual` lines are the `expected` ones, where an expected line `…` takes any run of lines. */
function matches(expected: string[], actual: string[]): boolean {
  if (expected.length === 0) return actual.length === 0;
  if (expected[0] === '…') {
    for (let skip = 0; skip <= actual.length; skip++) if (matches(expected.slice(1), actual.slice(skip))) return true;
    return false;
  }
  return actual.length > 0 && actual[0] === expected[0] && matches(expected.slice(1), actual.slice(1));
}

describe('the sample output in the docs is what the CLI prints', function () {
  this.timeout(120000);
  for (const page of OUTPUT_PAGES)
    for (const block of outputBlocks(page))
      it(`${page}:${block.line}`, () => {
        const dir = setUp(block.setup);
        try {
          if (block.setup.json) {
            const r = spawnSync(process.execPath, [BIN, ...block.setup.json.split(' ')], {
              cwd: dir,
              encoding: 'utf8',
            });
            assert.deepEqual(JSON.parse(r.stdout), JSON.parse(block.text), `${page}:${block.line}`);
            return;
          }
          const steps = block.text.split(/^\$ /m).filter(Boolean);
          for (const step of steps) {
            const [command, ...expected] = step.replace(/\n$/, '').split('\n');
            const args = command.replace(/^npx ccmacro /, '').split(' ');
            assert.ok(command.startsWith('npx ccmacro '), command);
            const r = spawnSync(process.execPath, [BIN, ...args], {
              cwd: dir,
              env: { PATH: process.env.PATH },
              encoding: 'utf8',
            });
            const actual = (r.stdout + r.stderr).replace(/\n$/, '').split('\n');
            while (expected.length && expected[expected.length - 1] === '') expected.pop();
            assert.ok(
              matches(expected, actual),
              `${page}:${block.line} "$ ${command}" prints:\n${actual.join('\n')}\n\nthe page shows:\n${expected.join('\n')}`,
            );
          }
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
  it('every page with sample output has at least one checked block', () => {
    assert.ok(outputBlocks('docs/review.md').length >= 3);
    assert.ok(outputBlocks('docs/cli.md').length >= 3);
    assert.ok(outputBlocks('docs/ci.md').length >= 1);
  });
});
