// What the .vsix ships as its README and CHANGELOG (scripts/package.mjs), made from the repository's files.
//
// VS Code's extension Details page opens only http(s) and mailto links and in-page `#anchors` (its webview scrolls to
// the element with that id; headings get GitHub-style ids), shows pictures only from https: or data: addresses, and
// there is no public repository to point relative links at. So the packaged README is self-contained: README.md,
// then the reference it links to (every docs/*.md, the examples, LICENSE; not the sections for working on the source) appended under
// "Reference", and every relative link rewritten to the in-page anchor of what it names. The first two of README's
// pictures are inlined as data: URIs; the others are named, not shipped (the .vsix size limit). The repository's
// README stays GitHub-friendly. test/unit/build/packagedDocs.test.ts checks that every link of the result resolves.
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const read = rel => fs.readFileSync(path.join(root, rel), 'utf8');

/** VS Code 1.100's heading id (the Details page's markdown renderer): GitHub's slug, without duplicate counters. */
export function headingSlug(text) {
  return text
    .replace(/<[!/a-z].*?>/gi, '')
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/\s/g, '-');
}

/** Lines outside fenced code blocks, with a flag per line. */
function fenced(lines) {
  let inFence = false;
  return lines.map(line => {
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      return true;
    }
    return inFence;
  });
}

function headings(markdown) {
  const lines = markdown.split('\n');
  const code = fenced(lines);
  return lines.filter((l, i) => !code[i] && /^#{1,6} /.test(l)).map(l => l.replace(/^#{1,6} /, '').trim());
}

/** Shift every heading down `by` levels (at most ######), outside code blocks. */
function demote(markdown, by) {
  const lines = markdown.split('\n');
  const code = fenced(lines);
  return lines
    .map((l, i) => (!code[i] && /^#{1,6} /.test(l) ? '#'.repeat(Math.min(6, by)) + l : l))
    .join('\n')
    .replace(/^#{7,} /gm, '###### ');
}

/**
 * Rewrite every markdown link and picture outside code (spans and blocks) with `fn(target, isImage, alt)`. A link's
 * text may run over a line break, so each run of lines outside code blocks is rewritten as one.
 */
function mapLinks(markdown, fn) {
  const lines = markdown.split('\n');
  const code = fenced(lines);
  const out = [];
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j < lines.length && code[j] === code[i]) j++;
    const run = lines.slice(i, j).join('\n');
    // Code spans stay as they are; a link's text may hold one ([`ccmacro diff`](review.md#ccmacro-diff)).
    out.push(
      code[i]
        ? run
        : run.replace(/`[^`\n]*`|(!?)\[((?:[^\]`]|`[^`\n]*`)*)\]\(([^)\s]+)\)/g, (m, bang, text, target) =>
            target === undefined ? m : fn(target, bang === '!', text, m),
          ),
    );
    i = j;
  }
  return out.join('\n');
}

const EXTERNAL = /^(https?:|mailto:|data:)/;

/** The README pictures the packaged README shows (as data: URIs); the others are named. All of them would not fit. */
const INLINED_PICTURES = ['docs/images/preview-slack.png', 'docs/images/tag-completion.png'];

/**
 * README sections for people working on ccmacro's source, left out of the packaged README: someone reading the
 * Details page has the extension installed, not a checkout (and CONTRIBUTING.md they link to would not fit the .vsix).
 */
const DEVELOPER_SECTIONS = ['Try it from source'];

/** The markdown without the `## ` sections of these titles (each up to the next `## ` heading). */
function withoutSections(markdown, titles) {
  const out = [];
  let skipping = false;
  const lines = markdown.split('\n');
  const code = fenced(lines);
  lines.forEach((line, i) => {
    if (!code[i] && /^## /.test(line)) skipping = titles.includes(line.slice(3).trim());
    if (!skipping) out.push(line);
  });
  return out.join('\n');
}

/**
 * The packaged README. `version` names the installed version in the Changelog pointer. Throws when a link names a
 * file or an anchor the result does not hold, so a broken link fails `npm run package` (and the test).
 */
export function packagedReadme({ inlineImages = true } = {}) {
  const docs = fs
    .readdirSync(path.join(root, 'docs'))
    .filter(f => f.endsWith('.md'))
    .sort()
    .map(f => `docs/${f}`);
  const examples = fs
    .readdirSync(path.join(root, 'examples'))
    .filter(f => f.endsWith('.ccmacro.json'))
    .sort();

  // Each part of the page: the file it stands for, its markdown (headings already at their level), its top anchor.
  const parts = [];
  parts.push({ file: 'README.md', text: withoutSections(read('README.md'), DEVELOPER_SECTIONS) });
  const reference = [
    '---',
    '',
    '# Reference',
    '',
    "The documentation that comes with ccmacro's source, here in full so that every link on this page leads to it.",
    '',
  ].join('\n');
  parts.push({ file: null, text: reference });
  for (const d of docs) parts.push({ file: d, text: demote(read(d), 1) });
  parts.push({
    file: 'examples',
    text: [
      '## The example macros',
      '',
      "The example macros in ccmacro's source (`examples/`), each with a sample file in `examples/samples/` and its " +
        'request snapshot. **ccmacro: New Webhook Macro…** writes the same kinds of macro from templates.',
      '',
      ...examples.map(e => `- [${e}](examples/${e})`),
      '',
      ...examples.flatMap(e => [`### ${e}`, '', '```jsonc', read(`examples/${e}`).trimEnd(), '```', '']),
    ].join('\n'),
  });
  parts.push({
    file: 'LICENSE',
    text: ['## License text', '', '```text', read('LICENSE').trimEnd(), '```', ''].join('\n'),
  });

  // Anchors: each file's top heading, and every heading's slug with the files it occurs in.
  const top = new Map();
  const slugFiles = new Map();
  for (const p of parts) {
    const hs = headings(p.text);
    if (p.file && hs.length) top.set(p.file, headingSlug(hs[0]));
    for (const h of hs) {
      const s = headingSlug(h);
      if (!slugFiles.has(s)) slugFiles.set(s, []);
      slugFiles.get(s).push(p.file);
    }
  }
  for (const e of examples) top.set(`examples/${e}`, headingSlug(e));
  // The page's first heading with each slug is where the webview scrolls: a file's top must be its own.
  for (const [file, slug] of top) {
    const owner = slugFiles.get(slug)?.[0];
    if (owner !== file && !(file.startsWith('examples/') && owner === 'examples'))
      throw new Error(`packaged README: ${file}'s heading #${slug} is not unique on the page`);
  }

  const problems = [];
  const rewrite = (from, target, isImage, alt, whole) => {
    if (EXTERNAL.test(target)) return whole;
    const [file, anchor] = target.split('#');
    const resolved = file
      ? path.posix.normalize(path.posix.join(path.posix.dirname(from), file)).replace(/\/$/, '')
      : from;
    if (isImage) {
      if (inlineImages && from === 'README.md' && INLINED_PICTURES.includes(resolved))
        return `![${alt}](data:image/png;base64,${fs.readFileSync(path.join(root, resolved)).toString('base64')})`;
      return `*(Picture: ${alt.replace(/&/g, '&amp;').replace(/</g, '&lt;')}.)*`;
    }
    if (resolved === 'CHANGELOG.md') return `${alt} (the **Changelog** tab at the top of this page)`;
    if (anchor) {
      const files = slugFiles.get(anchor) ?? [];
      if (!files.includes(resolved)) {
        problems.push(`${from}: ${target} (no heading #${anchor} in ${resolved})`);
        return whole;
      }
      // A heading repeated on the page: the webview finds the first one, so go to the file's top instead.
      return `[${alt}](#${files[0] === resolved ? anchor : top.get(resolved)})`;
    }
    if (!top.has(resolved)) {
      problems.push(`${from}: ${target} (${resolved} is not on the page)`);
      return whole;
    }
    return `[${alt}](#${top.get(resolved)})`;
  };
  const page = parts
    .map(p =>
      mapLinks(p.text, (target, isImage, alt, whole) => rewrite(p.file ?? 'README.md', target, isImage, alt, whole)),
    )
    .join('\n\n');
  if (problems.length) throw new Error(`packaged README: links that lead nowhere:\n${problems.join('\n')}`);
  return page;
}

/**
 * The packaged CHANGELOG: its "[Unreleased]" heading names the version being packaged, as VS Code shows it
 * installed ("0.1.0 (this build, 2026-12-07)"; when that version was released before, the heading says these
 * changes came after it).
 */
export function packagedChangelog(text, version, date) {
  const released = new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - (\\d{4}-\\d{2}-\\d{2})`, 'm').exec(text);
  const heading = released
    ? `## [${version}] - this build, ${date}: changes since the ${version} release of ${released[1]}`
    : `## [${version}] - ${date}`;
  if (!/^## \[Unreleased\]/m.test(text)) return text;
  return text.replace(/^## \[Unreleased\].*$/m, heading);
}
