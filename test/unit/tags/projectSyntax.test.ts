import { strict as assert } from 'node:assert';
import { createCcmacroService, type CcmacroService } from '../../../src/core';
import { parseMacro } from '../../../src/core/macro/parse';
import { BRACKETS, PARENTHESES, type TagSyntax } from '../../../src/core/project/tagSyntax';
import { scanTags } from '../../../src/core/tags/scanner';
import { collectStringSites, decodeStringNode } from '../../../src/core/macro/sites';
import { renderMacro } from '../../../src/core/targets/render';
import { checkTargetPayload } from '../../../src/core/targets/check';
import type { Segment } from '../../../src/core/preview/messages';
import { workspace } from './fixtures';

/**
 * Issue 19: everything that writes or names a tag follows the project's syntax (`.ccmacro/config.json`): messages,
 * the preview's hovers, new macros from templates, and what importers write.
 */
const BRACKETS_PROJECT = { '/ws/.ccmacro/config.json': '{ "tagSyntax": "brackets" }' };
const MACRO = '/ws/macros/m.ccmacro.json';

function service(files: Record<string, string> = BRACKETS_PROJECT): CcmacroService {
  return createCcmacroService({ fs: workspace(files), treeRoot: () => '/ws' });
}

function macro(request: Record<string, unknown>, root: Record<string, unknown> = {}): string {
  return JSON.stringify({ name: 'M', ...root, request }, null, 2);
}

/** Every tag of the text, as [syntax id, name], in the strings where tags are filled in. */
function tagsIn(text: string, syntax: TagSyntax): string[] {
  const parsed = parseMacro(text, syntax);
  return collectStringSites(parsed)
    .filter(s => s.tagsAllowed)
    .flatMap(s =>
      scanTags(decodeStringNode(text, s.node).value, syntax).flatMap(t => (t.kind === 'tag' ? [t.name] : [])),
    );
}

const JIRA = 'https://yourcompany.atlassian.net/rest/api/3/issue';
const ADO = 'https://dev.azure.com/fabrikam/Fiber/_apis/wit/workitems/$Bug?api-version=7.1';
const teams = (url: string) =>
  macro(
    {
      method: 'POST',
      url: 'https://x.test/h',
      body: {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: {
              type: 'AdaptiveCard',
              version: '1.4',
              body: [{ type: 'TextBlock', text: 'New: [[Title]]' }],
              actions: [{ type: 'Action.OpenUrl', title: 'Open', url }],
            },
          },
        ],
      },
    },
    { target: 'teams' },
  );

describe('tag syntax: messages name tags as the project writes them', () => {
  it('render and target messages: Jira summary, Azure DevOps title, Teams URL value, a missing value', () => {
    const jira = renderMacro(
      parseMacro(
        macro({
          method: 'POST',
          url: JIRA,
          body: { fields: { project: { key: 'B' }, issuetype: { name: 'Bug' }, summary: '[[Title]]' } },
        }),
        BRACKETS,
      ),
      { sample: { Title: 'two\nlines' } },
    );
    const summary = jira.problems.find(p => p.code === 'render/jira-summary-line-break');
    assert.match(summary?.message ?? '', /^The value of \[\[Title\]\] has a line break/);

    const ado = renderMacro(
      parseMacro(
        macro({
          method: 'POST',
          url: ADO,
          headers: { 'Content-Type': 'application/json-patch+json' },
          body: [{ op: 'add', path: '/fields/System.Title', value: '[[Title]]' }],
        }),
        BRACKETS,
      ),
      { sample: { Title: 'two\nlines' } },
    );
    const title = ado.problems.find(p => p.code === 'render/azure-devops-title-line-break');
    assert.match(title?.message ?? '', /^The value of \[\[Title\]\] has a line break/);

    const card = renderMacro(parseMacro(teams('[[Link]]'), BRACKETS), { sample: { Title: 't', Link: 'javascript:x' } });
    const url = card.problems.find(p => p.code === 'render/teams-url-value');
    assert.match(url?.message ?? '', /^The value of \[\[Link\]\] is not a web address/);
    // The same macro read in parentheses has no tag there: nothing to say about [[Link]].
    const asParentheses = renderMacro(parseMacro(teams('[[Link]]'), PARENTHESES), { sample: {} });
    assert.equal(asParentheses.problems.filter(p => p.code === 'render/teams-url-value').length, 0);

    const missing = renderMacro(parseMacro(teams('https://x.test'), BRACKETS), { sample: {} });
    assert.match(missing.problems[0].message, /no value for \[\[Title\]\]/);
  });

  it('the cURL refusal of a NUL names the tag that brought it, in the project syntax', async () => {
    const s = service();
    const parsed = parseMacro(
      macro({ method: 'POST', url: 'https://x.test', bodyFormat: 'text', body: 'v=[[V]]' }),
      BRACKETS,
    );
    const result = renderMacro(parsed, { sample: { V: 'a\u0000b' } });
    const curl = await s.curl(parsed, result.request!, result);
    assert.ok(!curl.ok);
    assert.match(curl.error.message, /NUL character \(from the value of \[\[V\]\]\)/);
  });

  it('examples in check messages: a new Azure DevOps work item without a title, a form body that is not an object', async () => {
    const parsed = parseMacro(
      macro({
        method: 'POST',
        url: ADO,
        headers: { 'Content-Type': 'application/json-patch+json' },
        body: [{ op: 'add', path: '/fields/System.Tags', value: 'x' }],
      }),
      BRACKETS,
    );
    const found = await checkTargetPayload(parsed, renderMacro(parsed, { sample: {} }));
    const noTitle = found.find(p => p.code === 'render/azure-devops-no-title');
    assert.match(noTitle?.message ?? '', /"value": "\[\[Title\]\]"/);

    const form = macro({ method: 'POST', url: 'https://x.test', bodyFormat: 'form', body: 'a=1' });
    const { problems } = await service().validate({ path: MACRO, text: form });
    const shape = problems.find(p => p.code === 'request/body-format');
    assert.match(shape?.message ?? '', /\{ "title": "\[\[Title\]\]" \}/);
    const inParentheses = await service({}).validate({ path: MACRO, text: form });
    assert.match(inParentheses.problems.find(p => p.code === 'request/body-format')!.message, /"\(\(Title\)\)"/);
  });

  it("the preview's values say which tag they come from as the project writes it (request and Teams card)", async () => {
    const files = {
      ...BRACKETS_PROJECT,
      '/ws/macros/s.sample.json': JSON.stringify([{ Title: 'Crash', Link: 'https://a.test' }]),
    };
    const text = JSON.parse(teams('[[Link]]')) as Record<string, unknown>;
    text.samples = ['s.sample.json'];
    const model = await service(files).preview(
      { path: MACRO, text: JSON.stringify(text, null, 2) },
      { documentUri: 'file:///ws/macros/m.ccmacro.json', locked: false, seq: 1 },
    );
    const values = (model.request?.body?.segments ?? []).filter((s: Segment) => s.tag !== undefined);
    assert.deepEqual(
      values.map(s => [s.text, s.written]),
      [
        ['Crash', '[[Title]]'],
        ['https://a.test/', '[[Link]]'],
      ],
    );
    const view = model.targetTab?.view;
    assert.equal(view?.target, 'teams');
    const data = view.data as { values: Array<{ tag: string; written: string }> };
    assert.deepEqual(
      data.values.map(v => v.written),
      ['[[Title]]', '[[Link]]'],
    );
  });
});

describe('tag syntax: the other syntax is not a tag', () => {
  it('in a brackets project, ((Title)) gets no hover, completion or definition and is sent as written; [[Title]] does', async () => {
    const text = macro(
      { method: 'POST', url: 'https://x.test', body: { text: '((Title)) [[Title]] ((Sub' } },
      { samples: ['s.sample.json'] },
    );
    const sample = { '/ws/macros/s.sample.json': '[{ "Title": "T" }]' };
    const doc = { path: MACRO, text };
    for (const [files, tag, other] of [
      [BRACKETS_PROJECT, '[[Title]]', '((Title))'],
      [{}, '((Title))', '[[Title]]'],
    ] as const) {
      const s = service({ ...files, ...sample });
      const inTag = text.indexOf(tag) + 3;
      const inOther = text.indexOf(other) + 3;
      assert.ok(await s.hover(doc, inTag, {}), `${tag}: a hover`);
      assert.equal(await s.hover(doc, inOther, {}), undefined, `${other}: no hover`);
      assert.ok(await s.definition(doc, inTag, {}), `${tag}: a definition`);
      assert.equal(await s.definition(doc, inOther, {}), undefined, `${other}: no definition`);
      const opened = files === BRACKETS_PROJECT ? text.indexOf('((Sub') + 5 : undefined;
      if (opened !== undefined) assert.equal(await s.completions(doc, opened, {}), undefined, 'no tags after ((');
      const r = renderMacro(parseMacro(text, files === BRACKETS_PROJECT ? BRACKETS : PARENTHESES), {
        sample: { Title: 'T' },
      });
      assert.equal(
        JSON.parse(r.request!.bodyText!).text,
        `${other === '((Title))' ? '((Title)) T' : 'T [[Title]]'} ((Sub`,
      );
    }
  });
});

describe('tag syntax: new macros are written in the project syntax', () => {
  it('every template, for a file in a brackets project, writes [[tags]] and validates without an other-syntax warning', async () => {
    const s = service();
    const templates = await s.macroTemplates();
    assert.ok(templates.length >= 5);
    for (const t of templates) {
      const plain = await s.macroTemplate(t.kind, 'New');
      const text = await s.macroTemplate(t.kind, 'New', MACRO);
      assert.deepEqual(tagsIn(text, BRACKETS), tagsIn(plain, PARENTHESES), `${t.kind}: the same tags`);
      assert.deepEqual(tagsIn(text, PARENTHESES), [], `${t.kind}: no ((tag)) left`);
      const { problems } = await s.validate({ path: MACRO, text });
      assert.deepEqual(
        problems.filter(p => p.code === 'tag/other-syntax' || p.code === 'tag/unterminated').map(p => p.message),
        [],
        t.kind,
      );
    }
    // Outside a brackets project (no config): ((tags)), as written.
    const kind = templates[0].kind;
    assert.equal(await service({}).macroTemplate(kind, 'New', MACRO), await s.macroTemplate(kind, 'New'));
  });

  it('an imported literal (( or [[ is escaped: text in either syntax, sent as written, no tag warning', async () => {
    const command = `curl -X POST https://x.test/h -H 'Content-Type: text/plain' --data-raw 'keep ((this)) and [[that]] [[[x'`;
    const made = await service().importCurl(command);
    assert.ok(made.ok, JSON.stringify(!made.ok && made.error));
    const text = made.value.text;
    assert.match(text, /"keep \\\\\(\(this\)\) and \\\\\[\[that\]\] \\\\\[\[\[x"/);
    for (const [files, syntax] of [
      [BRACKETS_PROJECT, BRACKETS],
      [{}, PARENTHESES],
    ] as const) {
      const { problems } = await service(files).validate({ path: MACRO, text });
      assert.deepEqual(
        problems.filter(p => p.code.startsWith('tag/')).map(p => p.code),
        [],
        syntax.id,
      );
      const r = renderMacro(parseMacro(text, syntax), { sample: {} });
      assert.equal(r.request?.bodyText, 'keep ((this)) and [[that]] [[[x', syntax.id);
    }
  });
});
