import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';

// What `npm run package` ships as the Details page's README and Changelog (scripts/docs/packaged.mjs).
const run = (expr: string) =>
  execFileSync(
    process.execPath,
    ['--input-type=module', '-e', `import * as m from './scripts/docs/packaged.mjs'; process.stdout.write(${expr});`],
    { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );

/** Markdown lines outside fenced code blocks. */
function prose(markdown: string): string[] {
  let inFence = false;
  return markdown.split('\n').filter(line => {
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      return false;
    }
    return !inFence;
  });
}

/** The ids VS Code 1.100's extension page gives headings: GitHub's slug (lower case, punctuation dropped, spaces as -). */
function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  for (const line of prose(markdown)) {
    const m = /^#{1,6} (.+)$/.exec(line);
    if (!m) continue;
    const text = m[1].replace(/`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    ids.add(
      text
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\- _]/gu, '')
        .replace(/\s/g, '-'),
    );
  }
  return ids;
}

describe('the packaged README and CHANGELOG (the extension Details page)', function () {
  this.timeout(60_000);
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  let page: string;
  before(() => {
    page = run('m.packagedReadme()');
  });

  it('every link on the page is an https/mailto address or an in-page anchor to a heading it holds', () => {
    const ids = headingIds(page);
    const links = prose(page)
      .map(l => l.replace(/`[^`]*`/g, ''))
      .flatMap(l => [...l.matchAll(/\]\(([^)\s]+)\)/g)].map(m => m[1]));
    assert.ok(links.length > 100, `${links.length} links`);
    const dead = links.filter(
      t => !/^(https:|http:|mailto:|data:image\/png;base64,)/.test(t) && !(t.startsWith('#') && ids.has(t.slice(1))),
    );
    assert.deepEqual(dead, [], 'links the Details page cannot follow');
  });

  it("README's links to the docs, examples and LICENSE lead to that text on the page, first", () => {
    const ids = [...headingIds(page)];
    const docTitle = (rel: string) => /^# (.+)$/m.exec(fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8'))![1];
    for (const d of fs.readdirSync(path.join(REPO_ROOT, 'docs')).filter(f => f.endsWith('.md'))) {
      const title = docTitle(`docs/${d}`);
      assert.ok(page.includes(`\n## ${title}\n`), `docs/${d} is on the page as "## ${title}"`);
    }
    assert.ok(readme.includes('](docs/cli.md#problem-codes)'));
    assert.ok(page.includes('](#problem-codes)') && ids.includes('problem-codes'));
    assert.ok(readme.includes('](LICENSE)') && page.includes('## License text') && page.includes('MIT License'));
    assert.ok(page.includes('### slack-escalate-blocker.ccmacro.json\n\n```jsonc\n{'), 'the Slack example in full');
    assert.ok(!page.includes('](CHANGELOG.md)') && page.includes('the **Changelog** tab at the top of this page'));
    assert.ok(!page.includes('## Try it from source'), 'the section for working on the source stays in the repository');
    // The quick start's pictures: the first two shown from data: addresses, the third named.
    assert.equal(page.match(/\]\(data:image\/png;base64,/g)?.length, 2);
  });

  it('the CHANGELOG heads the version packaged, not [Unreleased]', () => {
    const version = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version as string;
    const shipped = run(
      `m.packagedChangelog(${JSON.stringify(fs.readFileSync(path.join(REPO_ROOT, 'CHANGELOG.md'), 'utf8'))}, ${JSON.stringify(version)}, '2026-12-07')`,
    );
    const first = /^## .*$/m.exec(shipped)![0];
    assert.ok(first.startsWith(`## [${version}] - `), first);
    assert.doesNotMatch(shipped, /^## \[Unreleased\]/m);
    assert.equal(
      run(
        `m.packagedChangelog('# C\\n\\n## [Unreleased]\\n\\n- x\\n\\n## [0.1.0] - 2026-11-30\\n', '0.1.0', '2026-12-07')`,
      ),
      '# C\n\n## [0.1.0] - this build, 2026-12-07: changes since the 0.1.0 release of 2026-11-30\n\n- x\n\n## [0.1.0] - 2026-11-30\n',
    );
    assert.equal(
      run(
        `m.packagedChangelog('# C\\n\\n## [Unreleased]\\n\\n- y\\n\\n## [0.1.0] - 2026-11-30\\n', '0.2.0', '2026-12-07')`,
      ),
      '# C\n\n## [0.2.0] - 2026-12-07\n\n- y\n\n## [0.1.0] - 2026-11-30\n',
    );
    // vsce packs the file it is given as extension/changelog.md; the repository's own CHANGELOG.md stays out.
    const ignore = fs.readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!dist\/CHANGELOG\.md$/m);
    assert.doesNotMatch(ignore, /^!CHANGELOG\.md$/m);
    assert.match(
      fs.readFileSync(path.join(REPO_ROOT, 'scripts/package.mjs'), 'utf8'),
      /'--changelog-path',\s*'dist\/CHANGELOG\.md'/,
    );
  });
});
