import { strict as assert } from 'node:assert';
import { createCcmacroService } from '../../../src/core';
import { LineIndex } from '../../../src/core/common/text';
import { TagCatalogs } from '../../../src/core/tags/catalog';
import { ExternalDataIndex } from '../../../src/core/tags/externalData';
import { currentDefinitionRange } from '../../../src/core/tags/definition';
import { macroText, MACRO, workspace } from './fixtures';

const JIRA = '/ws/other/jira.ccmacro.json';
const jiraText = (name = 'Tracker Key', macroName = 'Create Jira issue', scope = 'feedback') =>
  `{\n  "name": "${macroName}",\n  "scope": "${scope}",\n  "request": { "method": "POST", "url": "https://x" },\n  "returnValues": { "key": "${name}", "id": "Jira ID" }\n}\n`;

const usesKey = macroText('{ "method": "POST", "url": "https://x", "body": { "text": "Issue ((Tracker Key))" } }');

describe('external data: returnValues names as tags', () => {
  it('the index changes its version only when names change, and keeps positions current', () => {
    const index = new ExternalDataIndex();
    assert.equal(index.setMacro(JIRA, jiraText()), true);
    const v = index.version;
    const [key] = index.tags();
    assert.deepEqual(
      [key.name, key.scope, key.source.field, key.source.macroName],
      ['Tracker Key', 'feedback', 'key', 'Create Jira issue'],
    );
    const moved = '\n\n' + jiraText();
    assert.equal(index.setMacro(JIRA, moved), false, 'layout only');
    assert.equal(index.version, v);
    assert.equal(moved.slice(key.source.offset, key.source.offset + key.source.length), '"Tracker Key"');
    assert.equal(index.setMacro(JIRA, jiraText('Jira Issue Key')), true);
    assert.ok(index.version > v);
    assert.equal(index.deleteMacro(JIRA), true);
    assert.equal(index.deleteMacro(JIRA), false);
    assert.deepEqual(index.tags(), []);
    assert.equal(index.setMacro('/ws/plain.ccmacro.json', macroText('{ "url": "x" }')), false, 'no returnValues');
  });

  it('lists the workspace once, on first use, through the host loader', async () => {
    const index = new ExternalDataIndex();
    let calls = 0;
    index.setLoader(async () => {
      calls++;
      return [{ path: JIRA, text: jiraText() }];
    });
    assert.equal(calls, 0);
    await Promise.all([index.ready(), index.ready()]);
    await index.ready();
    assert.equal(calls, 1);
    assert.deepEqual(
      index.tags().map(t => t.name),
      ['Tracker Key', 'Jira ID'],
    );
    const failing = new ExternalDataIndex();
    failing.setLoader(async () => {
      throw new Error('no workspace');
    });
    await failing.ready();
    assert.deepEqual(failing.tags(), []);
  });

  it('another macro can use the name: no unknown-tag warning, completion and hover say who saves it', async () => {
    const service = createCcmacroService({ fs: workspace() });
    const tagProblems = (r: { problems: Array<{ code: string }> }) => r.problems.filter(p => p.code.startsWith('tag/'));
    const doc = { path: MACRO, text: usesKey };
    const before = await service.validate(doc);
    assert.deepEqual(
      tagProblems(before).map(p => p.code),
      ['tag/unknown'],
    );
    assert.equal(await service.updateMacro(JIRA, jiraText()), true);
    const after = await service.validate(doc);
    assert.deepEqual(tagProblems(after), []);
    // Known, but a render still needs a value for it: the built-in sample has none (the render check says so).
    assert.deepEqual(
      after.problems.map(p => p.code),
      ['render/missing-tag'],
    );

    const items = (await service.completions(doc, usesKey.indexOf('((Tracker Key') + 2, {}))!;
    const item = items.find(i => i.label === 'Tracker Key')!;
    assert.equal(item.detail, 'external data · saved by Create Jira issue from key');
    assert.match(item.documentation, /External data saved by \*\*Create Jira issue\*\* from `key` of its response/);
    assert.match(item.documentation, /Defined in: returnValues of \.\.\/other\/jira\.ccmacro\.json/);
    const hover = (await service.hover(doc, usesKey.indexOf('Tracker Key'), {}))!;
    assert.match(hover.markdown, /^\*\*\(\(Tracker Key\)\)\*\* — external data · saved by Create Jira issue from key/);
  });

  it('go to definition lands on the returnValues entry of the macro that saves it', async () => {
    const text = jiraText();
    const fs = workspace({ [JIRA]: text });
    const service = createCcmacroService({ fs });
    await service.updateMacro(JIRA, text);
    const doc = { path: MACRO, text: usesKey };
    const at = (t: string, p: { line: number; character: number }) => new LineIndex(t).offsetAt(p);
    const found = async () => (await service.definition(doc, usesKey.indexOf('Tracker Key'), {}))!.targets;
    const [target] = await found();
    assert.deepEqual([target.path, text.slice(at(text, target.start), at(text, target.end))], [JIRA, '"Tracker Key"']);
    // Edited since it was read: the entry is found again in the file's current text.
    const edited = '// moved down\n' + text;
    fs.files.set(JIRA, edited);
    const [moved] = await found();
    assert.equal(edited.slice(at(edited, moved.start), at(edited, moved.end)), '"Tracker Key"');
    const r = currentDefinitionRange(
      { path: JIRA, kind: 'returnValue', field: 'key', range: { start: 0, end: 1 } },
      edited,
    );
    assert.equal(edited.slice(r.start, r.end), '"Tracker Key"');
  });

  it('external data of a feedback macro is not offered to a user macro; a catalog entry keeps its own description', async () => {
    const service = createCcmacroService({
      fs: workspace({
        '/ws/.ccmacro/tags.json':
          '{ "tags": [ { "name": "Jira ID", "description": "The issue number", "scope": "feedback" } ] }',
        [JIRA]: jiraText(),
      }),
    });
    await service.updateMacro(JIRA, jiraText());
    const userMacro = macroText(
      '{ "method": "POST", "url": "https://x", "body": { "t": "((|" } }',
      '\n  "scope": "user",',
    );
    const offset = userMacro.indexOf('((|') + 2;
    const doc = { path: MACRO, text: userMacro.replace('|', '') };
    const names = (await service.completions(doc, offset, {}))!.map(i => i.label);
    assert.ok(!names.includes('Tracker Key'));
    const idText = macroText('{ "method": "POST", "url": "https://x", "body": { "t": "((Jira ID))" } }');
    const hover = (await service.hover({ path: MACRO, text: idText }, idText.indexOf('Jira ID'), {}))!;
    assert.match(hover.markdown, /The issue number/);
    const sources = (await service.definition({ path: MACRO, text: idText }, idText.indexOf('Jira ID'), {}))!.targets;
    assert.deepEqual(
      sources.map(s => s.path),
      ['/ws/.ccmacro/tags.json', JIRA],
    );
  });

  it('ccmacro validate reports a return value the sample response does not hold, on the entry', async () => {
    const sample = JSON.stringify([
      { Title: 'a', $response: { status: 201, body: { key: 'A-1', id: 1 } } },
      { Title: 'b', $response: { status: 201, body: { id: 2 } } },
    ]);
    const text = jiraText().replace('"returnValues"', '"samples": ["s.sample.json"],\n  "returnValues"');
    const service = createCcmacroService({ fs: workspace({ '/ws/other/s.sample.json': sample }) });
    const r = await service.validate({ path: JIRA, text });
    const problems = r.problems.filter(p => p.code.startsWith('return/'));
    assert.deepEqual(
      problems.map(p => [p.code, p.severity, text.slice(p.range.start, p.range.end)]),
      [['return/missing', 'error', '"key": "Tracker Key"']],
    );
    assert.match(problems[0].message, /^The response in s\.sample\.json \[1\] has no "key"/);
  });

  it('20,000 macros that each save a name: each catalog costs what its macro adds (was quadratic)', async () => {
    // The catalogs the service keeps (service/state.ts), driven directly: 20,000 service calls would measure the calls.
    const catalogs = new TagCatalogs(workspace());
    const n = 20_000;
    const path = (i: number) => `/ws/m${i}/m.ccmacro.json`;
    for (let i = 0; i < n; i++)
      catalogs.externalData.setMacro(
        path(i),
        `{ "name": "M${i}", "request": { "method": "POST", "url": "https://x" }, "returnValues": { "id": "Ext${i}" } }`,
      );
    let known = 0;
    for (let i = 0; i < n; i++) {
      const catalog = await catalogs.resolve({ macroPath: path(i) });
      if (catalog.tags.has(`Ext${(i * 7919) % n}`)) known++;
    }
    assert.equal(known, n, 'every macro knows the names every other macro saves');
    const last = await catalogs.resolve({ macroPath: '/ws/other.ccmacro.json' });
    const def = last.tags.get('Ext123')!;
    assert.deepEqual(
      def.sources.map(s => s.kind === 'returnValue' && s.macroName),
      ['M123'],
    );
    assert.ok(last.tags.size >= n);
    assert.equal([...last.tags.keys()].filter(k => k.startsWith('Ext')).length, n);
  });
});
