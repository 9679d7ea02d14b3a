import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';
import { MAX_FILE_BYTES } from '../../../src/core/common/decode';
import { MAX_JSON_DEPTH } from '../../../src/core/common/jsonDepth';
import { WEBHOOK_LOG_LIMIT } from '../../../src/core/send/history';

const read = (rel: string) => fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap(e => {
    const rel = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(rel) : rel.endsWith('.ts') ? [rel] : [];
  });
}

describe('the documentation stays true', () => {
  it('the numbers the README and docs state are the ones the code and package use', () => {
    const pkg = JSON.parse(read('package.json'));
    const readme = read('README.md');
    const cli = read('docs/cli.md');
    for (const m of [
      ...readme.matchAll(/ccmacro-(\d+\.\d+\.\d+)\.(?:tgz|vsix)/g),
      ...read('docs/ci.md').matchAll(/ccmacro-(\d+\.\d+\.\d+)\.tgz/g),
    ])
      assert.equal(m[1], pkg.version, m[0]);
    assert.ok(readme.includes(`keeps the last ${WEBHOOK_LOG_LIMIT}`));
    assert.ok(readme.includes(`VS Code ${pkg.engines.vscode.replace(/^\^/, '').replace(/\.0$/, '')} or later`));
    assert.ok(readme.includes(`Node ${pkg.engines.node.replace(/^>=/, '').replace(/\.\d+$/, '')} or later`));
    assert.ok(cli.includes(`more than ${MAX_JSON_DEPTH} levels`));
    assert.ok(cli.includes(`over ${MAX_FILE_BYTES / 1024 / 1024} MB`));
  });

  it('docs/cli.md lists every problem code the source can report', () => {
    const doc = read('docs/cli.md');
    const families =
      'syntax|schema|request|triggers|samples|macro|json|tag|placeholder|render|sample|file|secret|catalog|return|snapshot|import';
    const codes = new Set<string>();
    for (const f of sourceFiles('src')) {
      for (const m of read(f).matchAll(new RegExp(`['"\`]((?:${families})/[a-z0-9]+(?:-[a-z0-9]+)*)['"\`]`, 'g')))
        codes.add(m[1]);
    }
    assert.ok(codes.size > 80, `found ${codes.size} codes`);
    const missing = [...codes].filter(c => !doc.includes(`\`${c}\``)).sort();
    assert.deepEqual(missing, [], 'codes the problem-code table does not mention');
  });

  it("README's Commands and Settings tables are the ones made from package.json", () => {
    const tables = execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/docs/tables.mjs')], {
      encoding: 'utf8',
    });
    const readme = read('README.md');
    for (const block of tables.trim().split(/\n(?=## )/)) {
      assert.ok(readme.includes(block.trim()), `README.md does not hold this block as made:\n${block}`);
    }
  });

  it('README has no internal markers, and every relative link in README, CONTRIBUTING and docs/ resolves', () => {
    const pages = [
      'README.md',
      'CONTRIBUTING.md',
      'CHANGELOG.md',
      ...fs
        .readdirSync(path.join(REPO_ROOT, 'docs'))
        .filter(f => f.endsWith('.md'))
        .map(f => `docs/${f}`),
    ];
    assert.ok(!/<!--\s*\/?section:/.test(read('README.md')), 'no <!-- section:… --> markers');
    const broken: string[] = [];
    for (const page of pages) {
      const text = withoutCode(read(page));
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1];
        if (/^(https?:|mailto:|data:)/.test(target)) continue;
        const [file, anchor] = target.split('#');
        const resolved = file ? path.join(path.dirname(page), file) : page;
        if (!fs.existsSync(path.join(REPO_ROOT, resolved))) {
          broken.push(`${page}: ${target}`);
          continue;
        }
        if (anchor && resolved.endsWith('.md') && !headingSlugs(read(resolved)).has(anchor))
          broken.push(`${page}: ${target}`);
      }
    }
    assert.deepEqual(broken, []);
  });
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
function headingSlugs(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of withoutCode(markdown).matchAll(/^#{1,6} (.+)$/gm)) {
    out.add(
      m[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\- ]/gu, '')
        .replace(/ /g, '-'),
    );
  }
  return out;
}

/** The text outside fenced code blocks (a fence is a line that starts with ```). */
function withoutCode(markdown: string): string {
  let inFence = false;
  return markdown
    .split('\n')
    .filter(line => {
      if (/^\s*```/.test(line)) {
        inFence = !inFence;
        return false;
      }
      return !inFence;
    })
    .join('\n');
}
