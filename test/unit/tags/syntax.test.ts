import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { scanTags, unescapeLiteralParens } from '../../../src/core/tags/scanner';
import { BRACKETS, PARENTHESES } from '../../../src/core/project/tagSyntax';
import { parseProjectConfig, projectConfigCandidates, ProjectConfigs } from '../../../src/core/project/config';
import { parseMacro } from '../../../src/core/macro/parse';
import { analyzeMacro } from '../../../src/core/tags/locate';
import { completeAt } from '../../../src/core/tags/completion';
import { hoverAt } from '../../../src/core/tags/hover';
import { unterminatedTagFixes } from '../../../src/core/tags/fixes';
import { TagCatalogs } from '../../../src/core/tags/catalog';
import { convertTagSyntax } from '../../../src/core/tags/convert';
import { renderMacro } from '../../../src/core/targets/render';
import { createCcmacroService } from '../../../src/core';
import { collectStringSites, decodeStringNode } from '../../../src/core/macro/sites';
import { compileString } from '../../../src/core/render/segments';
import { macroText, MACRO, workspace } from './fixtures';

const body = (s: string) => macroText(`{ "method": "POST", "url": "https://x", "body": { "text": "${s}" } }`);
const BRACKETS_CONFIG = { '/ws/.ccmacro/config.json': '{\n  // the newer platform\n  "tagSyntax": "brackets",\n}\n' };

describe('tag syntax: [[brackets]]', () => {
  it('scans [[Name]] with the rules of ((Name)): runs, spaces, escapes, unterminated, empty and invalid names', () => {
    assert.deepEqual(scanTags('New: [[Title]] ((Title))', BRACKETS), [
      { kind: 'tag', start: 5, end: 14, name: 'Title', nameStart: 7, nameEnd: 12 },
    ]);
    assert.deepEqual(
      scanTags('[[[ Feedback ID ]]] \\[[x]] [[]] [[a[b]] [[open', BRACKETS).map(t => t.kind),
      ['tag', 'escape', 'empty', 'invalid', 'unterminated'],
    );
    assert.equal(scanTags('[[a(b)]]', BRACKETS)[0].kind, 'tag', 'parentheses are plain characters of a [[name]]');
    assert.deepEqual(scanTags('[[Title]]', PARENTHESES), [], 'brackets are no tag in a parentheses project');
    assert.equal(unescapeLiteralParens('\\[[x \\((y'), '[[x ((y', 'either escape, in either syntax');
  });

  it('reads .ccmacro/config.json as JSONC and locates what is wrong in it', () => {
    assert.equal(parseProjectConfig('{ "tagSyntax": "brackets", /* c */ }').tagSyntax, BRACKETS);
    assert.equal(parseProjectConfig('{}').tagSyntax, PARENTHESES);
    const bad = parseProjectConfig('{\n  "tagSyntax": "curly",\n  "tagSyntx": "brackets"\n}');
    assert.equal(bad.tagSyntax, PARENTHESES, 'a wrong value keeps the default');
    assert.deepEqual(
      bad.problems.map(p => [p.offset, p.message.slice(0, 28)]),
      [
        [17, '"tagSyntax" is "parentheses"'],
        [28, 'Unknown setting "tagSyntx": '],
      ],
    );
    assert.equal(parseProjectConfig('{ "tagSyntax": ').problems[0].message, 'This file is not valid JSON here');
  });

  it('uses the nearest config up the tree from the macro and never one above the root', async () => {
    assert.deepEqual(projectConfigCandidates('/ws/a/b/m.ccmacro.json', '/ws'), [
      '/ws/a/b/.ccmacro/config.json',
      '/ws/a/.ccmacro/config.json',
      '/ws/.ccmacro/config.json',
    ]);
    assert.deepEqual(projectConfigCandidates('/elsewhere/m.ccmacro.json', '/ws'), []);
    const fs = workspace({
      '/.ccmacro/config.json': '{ "tagSyntax": "brackets" }',
      '/ws/a/.ccmacro/config.json': '{ "tagSyntax": "brackets" }',
      '/ws/a/b/.ccmacro/config.json': '{ "tagSyntax": "parentheses" }',
    });
    const configs = new ProjectConfigs(fs);
    assert.equal((await configs.forMacro('/ws/a/b/m.ccmacro.json', '/ws')).tagSyntax, PARENTHESES, 'nearest wins');
    const a = await configs.forMacro('/ws/a/m.ccmacro.json', '/ws');
    assert.equal(a.tagSyntax, BRACKETS);
    assert.equal(a.path, '/ws/a/.ccmacro/config.json');
    assert.equal((await configs.forMacro('/ws/m.ccmacro.json', '/ws')).tagSyntax, PARENTHESES, 'not read above /ws');
    assert.equal((await configs.forMacro('/ws/m.ccmacro.json', undefined)).path, undefined, 'no root: own folder only');
    fs.files.set('/ws/.ccmacro/config.json', new Uint8Array([0xff, 0xfe, 0x00]));
    const unreadable = await configs.forMacro('/ws/m.ccmacro.json', '/ws');
    assert.match(unreadable.problems[0].message, /^cannot read this file/);
  });

  it('validates a macro in its project syntax: [[tags]] are known, ((tags)) get one located warning per file', async () => {
    const service = createCcmacroService({ fs: workspace(BRACKETS_CONFIG) });
    const text = body('[[Title]] by [[Submitter Nme]] ((Title)) ((Status)) [[Oops');
    const { problems } = await service.validate({ path: MACRO, text }, { root: '/ws' });
    const codes = problems.map(p => p.code).filter(c => c.startsWith('tag/'));
    assert.deepEqual(codes.sort(), ['tag/other-syntax', 'tag/unknown', 'tag/unterminated']);
    const unknown = problems.find(p => p.code === 'tag/unknown')!;
    assert.match(unknown.message, /^Unknown tag \[\[Submitter Nme\]\]\. Did you mean \[\[Submitter Name\]\]\?/);
    const other = problems.find(p => p.code === 'tag/other-syntax')!;
    assert.equal(text.slice(other.range.start, other.range.end), '((Title))', 'at the first one');
    assert.match(other.message, /^\(\(Title\)\) \(and 1 more in this file\) is written in parentheses/);
    assert.deepEqual(other.data, { from: 'parentheses', to: 'brackets', count: 2 });
    assert.match(problems.find(p => p.code === 'tag/unterminated')!.message, /This \[\[ is not closed: add \]\]/);
    // The same macro in a parentheses project (no config): the brackets are the other syntax.
    const plain = await createCcmacroService({ fs: workspace() }).validate({ path: MACRO, text }, { root: '/ws' });
    const warn = plain.problems.find(p => p.code === 'tag/other-syntax')!;
    assert.equal(text.slice(warn.range.start, warn.range.end), '[[Title]]');
  });

  it('renders [[tags]] with the sample and leaves ((…)) and the escapes of either pair as text', () => {
    const parsed = parseMacro(body('[[Title]] ((Title)) \\\\[[Title]]'), BRACKETS);
    const r = renderMacro(parsed, { sample: { Title: 'Crash' } });
    assert.deepEqual(JSON.parse(r.request!.bodyText!), { text: 'Crash ((Title)) [[Title]]' });
    const escapes = parseMacro(body('\\\\((a)) \\\\[[b]] [[T]]'), BRACKETS);
    assert.deepEqual(JSON.parse(renderMacro(escapes, { sample: { T: 'x' } }).request!.bodyText!), {
      text: '((a)) [[b]] x',
    });
    const inParentheses = parseMacro(body('\\\\((a)) \\\\[[b]] ((T))'), PARENTHESES);
    assert.deepEqual(JSON.parse(renderMacro(inParentheses, { sample: { T: 'x' } }).request!.bodyText!), {
      text: '((a)) [[b]] x',
    });
    const typed = parseMacro(macroText(`{ "url": "https://x", "body": { "n": "[[Count]]:number" } }`), BRACKETS);
    assert.deepEqual(JSON.parse(renderMacro(typed, { sample: { Count: '3' } }).request!.bodyText!), { n: 3 });
    const missing = renderMacro(parsed, { sample: {} });
    assert.match(missing.problems[0].message, /no value for \[\[Title\]\]/);
  });

  it('completes after [[ with [[Name]] inserts, and hovers and fixes in brackets', async () => {
    const catalog = await new TagCatalogs(workspace()).resolve({ macroPath: MACRO });
    const src = body('New: [[Sub');
    const items = completeAt(analyzeMacro(src, BRACKETS), src.indexOf('[[Sub') + 5, catalog)!;
    const item = items.find(i => i.label === 'Submitter Name')!;
    assert.equal(item.insertText, '[[Submitter Name]]');
    assert.equal(src.slice(item.range.start, item.range.end), '[[Sub');
    assert.equal(completeAt(analyzeMacro(src, PARENTHESES), src.indexOf('[[Sub') + 5, catalog), undefined);
    const done = body('[[Sub]] ok');
    const within = completeAt(analyzeMacro(done, BRACKETS), done.indexOf('Sub') + 3, catalog)!;
    assert.equal(done.slice(within[0].range.start, within[0].range.end), '[[Sub]]', 'replaces through ]]');
    const h = body('[[Title]]');
    assert.match(hoverAt(analyzeMacro(h, BRACKETS), h.indexOf('Title'), catalog)!.markdown, /^\*\*\[\[Title\]\]\*\*/);
    const open = body('[[Title and more');
    const fixes = unterminatedTagFixes(analyzeMacro(open, BRACKETS), open.indexOf('[[') + 1);
    assert.deepEqual(
      fixes.map(f => [f.title, f.newText]),
      [
        ['Close the tag: [[Title and more]]', ']]'],
        ['Keep [[ as plain text (escape it)', '\\\\'],
      ],
    );
  });
});

describe('tag syntax conversion', () => {
  const both = (s: string) =>
    macroText(
      `{ "method": "POST", "url": "https://x/((Feedback ID))", "headers": { "X-((Key))": "((Title))" }, "body": { "((k))": "${s}" } }`,
    );

  it('converts tags and escapes where tags are filled in, and nothing else (keys, comments, malformed tags)', () => {
    const text = '// ((Title)) in a comment\n' + both('((Title)) \\\\((x)) ((open (()) (((Status)))');
    const r = convertTagSyntax(text, PARENTHESES, BRACKETS);
    assert.ok(r.ok);
    assert.equal(
      r.value.text,
      '// ((Title)) in a comment\n' +
        macroText(
          `{ "method": "POST", "url": "https://x/[[Feedback ID]]", "headers": { "X-((Key))": "[[Title]]" }, "body": { "((k))": "[[Title]] \\\\((x)) ((open (()) ([[Status]])" } }`,
        ),
    );
    assert.equal(r.value.tags, 4);
    const back = convertTagSyntax(r.value.text, BRACKETS, PARENTHESES);
    assert.ok(back.ok);
    assert.equal(back.value.text, text);
  });

  it('refuses, located, when the text already holds the target syntax or a name cannot be written in it', () => {
    const refusal = (value: string) => {
      const text = body(value);
      const r = convertTagSyntax(text, PARENTHESES, BRACKETS);
      assert.ok(!r.ok, value);
      return r.error.map(p => [p.code, text.slice(p.range.start, p.range.end)]);
    };
    assert.deepEqual(refusal('a literal [[x]] here ((Title))'), [['convert/target-syntax-present', '[[x]]']]);
    assert.deepEqual(refusal('((a]b)) ((ok))'), [['convert/name-holds-delimiter', '((a]b))']]);
    // A literal [[ that stays unclosed is not a tag in either syntax: it is kept, and converting back gives it back.
    const open = body('a [[ b ((Title))');
    const r = convertTagSyntax(open, PARENTHESES, BRACKETS);
    assert.ok(r.ok);
    assert.equal(r.value.text, body('a [[ b [[Title]]'));
  });

  it('keeps a byte-order mark, CRLF line ends and \\u escapes between the delimiters', () => {
    const text = '\uFEFF' + body('((Priorit\\u00e9))').replace(/\n/g, '\r\n');
    const r = convertTagSyntax(text, PARENTHESES, BRACKETS);
    assert.ok(r.ok);
    assert.equal(r.value.text, text.replace('((Priorit\\u00e9))', '[[Priorit\\u00e9]]'));
  });

  it('refuses a tag whose delimiters are spelt as \\u escapes (they could not be given back as written)', () => {
    const text = body('\\u0028\\u0028Title))');
    const r = convertTagSyntax(text, PARENTHESES, BRACKETS);
    assert.ok(!r.ok);
    assert.equal(r.error[0].code, 'convert/escaped-delimiter');
    assert.equal(text.slice(r.error[0].range.start, r.error[0].range.end), '\\u0028\\u0028Title))');
  });

  // Strings built from the characters that matter: both syntaxes' delimiters, the escape's backslash, quotes, spaces.
  const piece = fc.constantFrom('(', ')', '[', ']', '\\\\', '\\"', ' ', 'a', 'Title', '\\u0028', 'é', '\\n');
  const jsonString = fc.array(piece, { maxLength: 24 }).map(a => a.join(''));

  for (const [from, to] of [
    [PARENTHESES, BRACKETS],
    [BRACKETS, PARENTHESES],
  ] as const) {
    it(`property: ${from.id} → ${to.id} → ${from.id} gives the original bytes, and the tags stay the same tags`, () => {
      fc.assert(
        fc.property(fc.array(jsonString, { minLength: 1, maxLength: 4 }), values => {
          const text = macroText(
            `{ "url": "https://x/${values[0]}", "body": { ${values.map((v, i) => `"k${i}": "${v}"`).join(', ')} } }`,
          );
          const there = convertTagSyntax(text, from, to);
          const valuesOf = (t: string, s: typeof from) => {
            const parsed = parseMacro(t, s);
            return collectStringSites(parsed)
              .filter(x => x.tagsAllowed)
              .map(x => decodeStringNode(t, x.node).value);
          };
          if (!there.ok) {
            // Refused only for a reason it names: the target's opening pair, or a name holding a target delimiter.
            for (const p of there.error) {
              const shown = text.slice(p.range.start, p.range.end);
              if (p.code === 'convert/target-syntax-present')
                assert.ok(shown.includes(to.open[0]) || shown.includes(to.close[0]) || shown.includes('\\u'), shown);
              else assert.ok(['convert/name-holds-delimiter', 'convert/escaped-delimiter'].includes(p.code), p.code);
            }
            return;
          }
          // Same tag names, in the same order, in the same strings.
          const names = (t: string, s: typeof from) =>
            valuesOf(t, s).map(v =>
              scanTags(v, s)
                .filter(k => k.kind === 'tag')
                .map(k => (k.kind === 'tag' ? k.name : '')),
            );
          assert.deepEqual(names(there.value.text, to), names(text, from));
          // What is sent is the same: the same literal text around the same tags (escapes of either pair included).
          const sent = (t: string, s: typeof from) =>
            collectStringSites(parseMacro(t, s))
              .filter(x => x.tagsAllowed)
              .map(x => {
                const c = compileString(t, x.node, s);
                return [c.literals, c.holes.map(h => h.name)];
              });
          assert.deepEqual(sent(there.value.text, to), sent(text, from));
          const back = convertTagSyntax(there.value.text, to, from);
          assert.ok(back.ok, 'converting back never refuses');
          assert.equal(back.value.text, text);
        }),
        { numRuns: 400 },
      );
    });
  }
});
