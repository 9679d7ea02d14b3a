import { strict as assert } from 'node:assert';
import { analyzeMacro } from '../../../src/core/tags/locate';
import { completeAt, type TagCompletionItem } from '../../../src/core/tags/completion';
import { hoverAt } from '../../../src/core/tags/hover';
import { definitionAt } from '../../../src/core/tags/definition';
import { TagCatalogs, type TagCatalog } from '../../../src/core/tags/catalog';
import { macroText, MACRO, workspace } from './fixtures';

const SAMPLE = '{ "Title": "Crash on export", "Submitter Name": "Dana", "Build": "1.2.3" }';
const CATALOG = '{ "tags": [ { "name": "Region", "description": "Sales region", "scope": "feedback" } ] }';

async function catalogFor(): Promise<TagCatalog> {
  return new TagCatalogs(workspace({ '/ws/macros/s.json': SAMPLE, '/ws/.ccmacro/tags.json': CATALOG })).resolve({
    macroPath: MACRO,
    samples: ['s.json'],
  });
}

/** Text with `|` as the cursor. */
function withCursor(src: string): { text: string; offset: number } {
  const offset = src.indexOf('|');
  return { text: src.slice(0, offset) + src.slice(offset + 1), offset };
}

/** Applies the item the way the editor would. */
function accept(text: string, item: TagCompletionItem): string {
  return text.slice(0, item.range.start) + item.insertText + text.slice(item.range.end);
}

async function complete(src: string) {
  const { text, offset } = withCursor(src);
  return {
    text,
    offset,
    items: completeAt(analyzeMacro(text), offset, await catalogFor(), {
      macroDir: '/ws/macros',
      knownSecrets: ['SLACK_HOOK'],
      knownEnv: ['JIRA_USER'],
    }),
  };
}

const body = (s: string) =>
  macroText(`{ "method": "POST", "url": "https://x", "body": { "text": "${s}" } }`, '\n  "samples": ["s.json"],');

describe('tag completion', () => {
  it('offers the macro scope tags after ((, with detail, documentation and sample value', async () => {
    const { text, items } = await complete(body('New: ((|'));
    assert.ok(items);
    const names = items.map(i => i.label);
    assert.ok(
      names.includes('Submitter Name') &&
        names.includes('Region') &&
        names.includes('Build') &&
        names.includes('Project Name'),
    );
    assert.ok(!names.includes('First Name'), 'user tags are not offered in a feedback macro');
    const sub = items.find(i => i.label === 'Submitter Name')!;
    assert.equal(sub.detail, 'text · feedback tag');
    assert.match(sub.documentation, /Sample value \(s\.json \[0\]\): `Dana`/);
    assert.match(sub.documentation, /Defined in: built-in catalog, sample file s\.json/);
    assert.equal(sub.filterText, '((Submitter Name');
    assert.equal(accept(text, sub), body('New: ((Submitter Name))'));
    assert.ok(
      items.findIndex(i => i.label === 'Build') >= 0 && sub.sortText < items.find(i => i.label === 'Region')!.sortText,
      'sample tags sort first',
    );
  });

  it('mid-name replaces the whole name and existing closing without doubling parentheses', async () => {
    for (const [before, after] of [
      ['((Sub|', '((Submitter Name))'],
      ['((Sub|))', '((Submitter Name))'],
      ['((Sub|mitter Nam))', '((Submitter Name))'],
      ['((Sub|)', '((Submitter Name))'],
      ['((|Title)) tail', '((Submitter Name)) tail'],
      ['(( Sub|  ))', '((Submitter Name))'],
      ['(((Sub|)))', '(((Submitter Name)))'],
      ['((Sub| and ((Title))', '((Submitter Name)) and ((Title))'],
    ]) {
      const { text, items } = await complete(body(before));
      const sub = items?.find(i => i.label === 'Submitter Name');
      assert.ok(sub, before);
      assert.equal(accept(text, sub), body(after), before);
    }
  });

  it('works through JSON escapes earlier in the string', async () => {
    const { text, items } = await complete(body('\\"quoted\\" \\u00e9 ((Ti|'));
    const t = items!.find(i => i.label === 'Title')!;
    assert.equal(accept(text, t), body('\\"quoted\\" \\u00e9 ((Title))'));
  });

  it('escapes names for JSON when inserting', async () => {
    const cat = await new TagCatalogs(
      workspace({ '/ws/.ccmacro/tags.json': '{"tags":[{"name":"Say \\"hi\\""}]}' }),
    ).resolve({ macroPath: MACRO });
    const { text, offset } = withCursor(body('((|'));
    const item = completeAt(analyzeMacro(text), offset, cat)!.find(i => i.label === 'Say "hi"')!;
    assert.equal(item.insertText, '((Say \\"hi\\"))');
  });

  it('offers nothing where tags are not allowed, after an escape, or after a closed tag', async () => {
    assert.equal((await complete(macroText('{ "method": "((|", "url": "https://x" }'))).items, undefined);
    assert.equal(
      (await complete(macroText('{ "method": "POST", "url": "https://x", "headers": { "X-((|": "v" } }'))).items,
      undefined,
    );
    assert.equal(
      (await complete(macroText('{ "method": "POST", "url": "https://x", "body": { "((|": "v" } }'))).items,
      undefined,
    );
    assert.equal((await complete(macroText('{ "name2": "((|", "request": { "url": "x" } }'))).items, undefined);
    assert.equal((await complete(body('\\\\((|'))).items, undefined);
    assert.equal((await complete(body('((Title))|'))).items, undefined);
    assert.equal((await complete(body('((a)|'))).items, undefined);
    assert.equal((await complete(body('(|'))).items, undefined);
  });

  it('offers ${secret:…} and ${env:…} with known names in url and header values only', async () => {
    const { text, items } = await complete(macroText('{ "method": "POST", "url": "https://x/${|}" }'));
    assert.ok(items);
    assert.deepEqual(items.map(i => i.label).sort(), [
      '${env:JIRA_USER}',
      '${env:…}',
      '${secret:SLACK_HOOK}',
      '${secret:…}',
    ]);
    const hook = items.find(i => i.label === '${secret:SLACK_HOOK}')!;
    assert.equal(accept(text, hook), macroText('{ "method": "POST", "url": "https://x/${secret:SLACK_HOOK}" }'));
    const generic = items.find(i => i.label === '${secret:…}')!;
    assert.equal(generic.isSnippet, true);
    const mid = await complete(
      macroText('{ "method": "POST", "url": "https://x", "headers": { "Authorization": "Bearer ${sec|" } }'),
    );
    assert.equal(
      accept(
        mid.text,
        mid.items!.find(i => i.label === '${secret:SLACK_HOOK}')!,
      ),
      macroText(
        '{ "method": "POST", "url": "https://x", "headers": { "Authorization": "Bearer ${secret:SLACK_HOOK}" } }',
      ),
    );
    assert.equal((await complete(body('${|'))).items, undefined, 'not in the body');
  });
});

describe('tag hover and definition', () => {
  it('hover shows description, type, sources, sample value and example', async () => {
    const { text, offset } = withCursor(body('by ((Submitter N|ame))'));
    const h = hoverAt(analyzeMacro(text), offset, await catalogFor(), '/ws/macros')!;
    assert.equal(text.slice(h.range.start, h.range.end), '((Submitter Name))');
    assert.equal(
      h.markdown,
      [
        '**((Submitter Name))** — text · feedback tag',
        'The full name of the person who submitted the feedback.',
        'Sample value (s.json [0]): `Dana`',
        'Example: `Dana Whitfield`',
        'Defined in: built-in catalog, sample file s.json',
      ].join('\n\n'),
    );
  });

  it('hover on an unknown tag suggests the right one; other scope is flagged', async () => {
    const u = withCursor(body('((Tit|el))'));
    assert.match(
      hoverAt(analyzeMacro(u.text), u.offset, await catalogFor())!.markdown,
      /unknown tag\n\nDid you mean \*\*\(\(Title\)\)\*\*\?/,
    );
    const s = withCursor(body('((Em|ail))'));
    assert.match(
      hoverAt(analyzeMacro(s.text), s.offset, await catalogFor())!.markdown,
      /not filled in in this feedback macro/,
    );
    const none = withCursor(body('plain| text'));
    assert.equal(hoverAt(analyzeMacro(none.text), none.offset, await catalogFor()), undefined);
  });

  it('definition points at the project catalog entry and the sample key', async () => {
    const { text, offset } = withCursor(body('((Reg|ion)) ((Title))'));
    const d = definitionAt(analyzeMacro(text), offset, await catalogFor())!;
    assert.equal(d.locations.length, 1);
    assert.equal(d.locations[0].path, '/ws/.ccmacro/tags.json');
    assert.ok(CATALOG.slice(d.locations[0].range.start, d.locations[0].range.end).startsWith('{ "name": "Region"'));
    const t = withCursor(body('((Title|))'));
    const dt = definitionAt(analyzeMacro(t.text), t.offset, await catalogFor())!;
    assert.deepEqual(
      dt.locations.map(l => [l.kind, SAMPLE.slice(l.range.start, l.range.end)]),
      [['sample', '"Title"']],
    );
    const b = withCursor(body('((Feedback |ID))'));
    assert.equal(
      definitionAt(analyzeMacro(b.text), b.offset, await catalogFor()),
      undefined,
      'built-in only: nothing to open',
    );
  });
});

describe('unterminated tag fixes', () => {
  it('closes the tag after the name, or escapes the parentheses', async () => {
    const { unterminatedTagFixes } = await import('../../../src/core/tags/fixes');
    const { parseMacro } = await import('../../../src/core/macro/parse');
    const { text, offset } = withCursor(body('Hi ((Ti|tle  and more'));
    const fixes = unterminatedTagFixes(analyzeMacro(text), offset);
    const apply = (f: { start: number; end: number; newText: string }) =>
      text.slice(0, f.start) + f.newText + text.slice(f.end);
    assert.deepEqual(
      fixes.map(f => f.title),
      ['Close the tag: ((Title  and more))', 'Keep (( as plain text (escape it)'],
    );
    assert.equal(apply(fixes[0]), body('Hi ((Title  and more))'));
    const escaped = apply(fixes[1]);
    assert.equal(escaped, body('Hi \\\\((Title  and more'));
    assert.equal(
      (parseMacro(escaped).value as { request: { body: { text: string } } }).request.body.text,
      'Hi \\((Title  and more',
    );
  });
});
