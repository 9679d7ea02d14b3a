import { strict as assert } from 'node:assert';
import { createCcmacroService } from '../../../src/core';
import { macroText, MACRO, workspace } from '../tags/fixtures';
import type { Problem } from '../../../src/core/common/problem';
import { SUGGESTED_UNKNOWN_TAGS } from '../../../src/core/check/tags';

async function tagProblems(
  text: string,
  files: Record<string, string> = {},
  builtinCatalog = true,
): Promise<Problem[]> {
  const r = await createCcmacroService({ fs: workspace(files) }).validate({ path: MACRO, text }, { builtinCatalog });
  return r.problems.filter(p => p.code.startsWith('tag/') || p.code.startsWith('placeholder/'));
}

const at = (text: string, p: Problem) => text.slice(p.range.start, p.range.end);

describe('tag diagnostics', () => {
  it('known tags in url, header values and body strings are fine', async () => {
    const text = macroText(
      '{ "method": "POST", "url": "https://x/((Feedback ID))", "headers": { "X-Title": "((Title))" }, "body": { "text": "((Title)) by ((Submitter Name))", "n": [ "((Project Name))" ] } }',
    );
    assert.deepEqual(await tagProblems(text), []);
  });

  it('an unknown tag suggests the closest known one, with data for the quick fix; no sample has it: one error, not two', async () => {
    const text = macroText('{ "method": "POST", "url": "https://x", "body": { "text": "New: ((Titel))" } }');
    const [p, ...rest] = await tagProblems(text);
    assert.equal(rest.length, 0);
    assert.equal(p.code, 'tag/unknown');
    // The built-in sample it is checked with has no ((Titel)) either: the render check's missing-tag error is folded
    // into this one (validate fails, as a send would), so one typo is one problem with one fix.
    assert.equal(p.severity, 'error');
    assert.equal(p.unnecessary, undefined, 'an error is not faded out');
    assert.equal(
      p.message,
      'Unknown tag ((Titel)). Did you mean ((Title))? No sample item has a value for it either, so the preview and a send with it stop here.',
    );
    assert.equal(at(text, p), '((Titel))');
    assert.equal(p.data?.suggestion, 'Title');
    const nr = p.data?.nameRange as { start: number; end: number };
    assert.equal(text.slice(nr.start, nr.end), 'Titel');
  });

  it('an unknown tag with nothing close says how to add it', async () => {
    const text = macroText(
      '{ "method": "POST", "url": "https://x", "body": "((Favourite Colour))", "bodyFormat": "text" }',
    );
    const [p] = await tagProblems(text);
    assert.equal(p.code, 'tag/unknown');
    assert.match(p.message, /add it to \.ccmacro\/tags\.json/);
    assert.equal(p.data?.suggestion, undefined);
  });

  it('tags from the project catalog and the samples are known', async () => {
    const text = macroText(
      '{ "method": "POST", "url": "https://x", "body": { "a": "((Region)) ((Custom Score))" } }',
      '\n  "samples": ["s.json"],',
    );
    assert.deepEqual(
      await tagProblems(text, {
        '/ws/.ccmacro/tags.json': '{"tags":[{"name":"Region"}]}',
        '/ws/macros/s.json': '{"Custom Score": 3}',
      }),
      [],
    );
  });

  it('without the built-in catalog, built-in names are unknown', async () => {
    const text = macroText('{ "method": "POST", "url": "https://x", "body": { "a": "((Title))" } }');
    const ps = await tagProblems(text, {}, false);
    assert.deepEqual(
      ps.map(p => p.code),
      ['tag/unknown'],
    );
  });

  it('a tag of the other scope is a warning', async () => {
    const text = macroText(
      '{ "method": "POST", "url": "https://x", "body": { "a": "((First Name)) ((Project Name))" } }',
    );
    const ps = await tagProblems(text);
    assert.deepEqual(
      ps.map(p => [p.code, at(text, p)]),
      [['tag/wrong-scope', '((First Name))']],
    );
    assert.match(ps[0].message, /user tag, but this is a feedback macro/);
    const user = macroText(
      '{ "method": "POST", "url": "https://x", "body": { "a": "((Title)) ((Email))" } }',
      '\n  "scope": "user",',
    );
    assert.deepEqual(
      (await tagProblems(user)).map(p => [p.code, at(user, p)]),
      [['tag/wrong-scope', '((Title))']],
    );
  });

  it('unterminated, empty and invalid tags are errors located exactly', async () => {
    const text = macroText(
      '{ "method": "POST", "url": "https://x", "body": { "a": "((Title", "b": "(())", "c": "((a(b))", "d": "((Title)) \\\\((literal" } }',
    );
    const ps = await tagProblems(text);
    assert.deepEqual(
      ps.map(p => [p.code, p.severity, at(text, p)]),
      [
        ['tag/unterminated', 'error', '((Title'],
        ['tag/empty', 'error', '(())'],
        ['tag/invalid-name', 'error', '((a(b))'],
      ],
    );
  });

  it('tags in header names, JSON keys and the method are not allowed', async () => {
    const text = macroText(
      '{ "method": "((Method))", "url": "https://x", "headers": { "X-((Title))": "v" }, "body": { "((Title))": "v", "ok": { "((Feedback ID))": 1 } } }',
    );
    const ps = await tagProblems(text);
    assert.deepEqual(
      ps.map(p => [p.code, at(text, p)]),
      [
        ['tag/not-allowed', '((Method))'],
        ['tag/not-allowed', '((Title))'],
        ['tag/not-allowed', '((Title))'],
        ['tag/not-allowed', '((Feedback ID))'],
      ],
    );
    assert.match(ps[1].message, /header name/);
    assert.match(ps[2].message, /property name/);
  });

  it('malformed placeholders in url and headers, and any placeholder in the body', async () => {
    const text = macroText(
      '{ "method": "POST", "url": "https://x/${secrets:TOKEN}/${env:OK}", "headers": { "Authorization": "Bearer ${secret:}" }, "body": { "a": "${secret:TOKEN}", "b": "${not a placeholder}" } }',
    );
    const ps = await tagProblems(text);
    assert.deepEqual(
      ps.map(p => [p.code, at(text, p)]),
      [
        ['placeholder/malformed', '${secrets:TOKEN}'],
        ['placeholder/env', '${env:OK}'],
        ['placeholder/malformed', '${secret:}'],
        ['placeholder/not-allowed', '${secret:TOKEN}'],
      ],
    );
  });

  it('a broken project catalog does not break the macro', async () => {
    const text = macroText('{ "method": "POST", "url": "https://x", "body": { "a": "((Title))" } }');
    assert.deepEqual(await tagProblems(text, { '/ws/.ccmacro/tags.json': '{ "tags": [ oops' }), []);
  });

  it('locates every problem of a string with escapes in linear time (a step back builds the offset table once)', async () => {
    // 120,000 unknown tags in a string holding a \u escape: each problem's name range lies before the end of its
    // whole range, and walking the escapes again from the string's start for each was quadratic (minutes).
    const count = 120_000;
    const body = '\\u00e9' + '((Nope)) '.repeat(count);
    const text = macroText(`{ "method": "POST", "url": "https://x", "bodyFormat": "text", "body": "${body}" }`);
    const ps = await tagProblems(text, {}, false);
    assert.equal(ps.length, count);
    const last = ps[ps.length - 1];
    assert.equal(at(text, last), '((Nope))');
    const nr = last.data?.nameRange as { start: number; end: number };
    assert.equal(text.slice(nr.start, nr.end), 'Nope');
  });

  it('20,000 unknown tags against 20,000 sample names: each compared within a bound (was minutes)', async () => {
    // Every unknown name is one letter away from a sample name of the same length, so neither a length window nor an
    // early stop in the edit distance helps: the work has to be bounded per file.
    const n = 20_000;
    const name = (i: number, end: string) => `Tg${String(i).padStart(7, '0')}${end}`;
    const body = Array.from({ length: n }, (_, i) => `((${name(i, 'q')}))`).join(' ');
    const sample = JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [name(i, 'z'), 'v'])));
    const text = macroText(
      `{ "method": "POST", "url": "https://x", "bodyFormat": "text", "body": ${JSON.stringify(body)} }`,
      ' "samples": ["s.sample.json"],',
    );
    const problems = (await tagProblems(text, { '/ws/macros/s.sample.json': sample })).filter(
      p => p.code === 'tag/unknown',
    );
    assert.equal(problems.length, n, 'every unknown tag is reported');
    const suggested = problems.filter(p => p.data?.suggestion !== undefined);
    assert.equal(suggested.length, SUGGESTED_UNKNOWN_TAGS);
    assert.equal(
      suggested[0].message,
      `Unknown tag ((${name(0, 'q')})). Did you mean ((${name(0, 'z')}))? No sample item has a value for it either, so the preview and a send with it stop here.`,
    );
    assert.match(problems[n - 1].message, /ccmacro suggests names for the first 100 unknown tags of a file\.\)/);
  });
});
