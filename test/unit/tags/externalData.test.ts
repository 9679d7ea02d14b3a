import { strict as assert } from 'node:assert';
import { createCcmacroService } from '../../../src/core';
import { ExternalDataIndex } from '../../../src/core/tags/externalData';
import { analyzeMacro } from '../../../src/core/tags/locate';
import { completeAt } from '../../../src/core/tags/completion';
import { currentDefinitionRange, definitionAt } from '../../../src/core/tags/definition';
import { hoverAt } from '../../../src/core/tags/hover';
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
    const before = await service.validate(usesKey, { path: MACRO });
    assert.deepEqual(
      tagProblems(before).map(p => p.code),
      ['tag/unknown'],
    );
    service.catalogs.externalData.setMacro(JIRA, jiraText());
    const after = await service.validate(usesKey, { path: MACRO });
    assert.deepEqual(tagProblems(after), []);
    // Known, but a render still needs a value for it: the built-in sample has none (the render check says so).
    assert.deepEqual(
      after.problems.map(p => p.code),
      ['render/missing-tag'],
    );

    const catalog = await service.catalogs.resolve({ macroPath: MACRO });
    const def = catalog.tags.get('Tracker Key')!;
    assert.equal(def.scope, 'feedback');
    const analysis = analyzeMacro(usesKey);
    const items = completeAt(analysis, usesKey.indexOf('((Tracker Key') + 2, catalog, { macroDir: '/ws/macros' })!;
    const item = items.find(i => i.label === 'Tracker Key')!;
    assert.equal(item.detail, 'external data · saved by Create Jira issue from key');
    assert.match(item.documentation, /External data saved by \*\*Create Jira issue\*\* from `key` of its response/);
    assert.match(item.documentation, /Defined in: returnValues of \.\.\/other\/jira\.ccmacro\.json/);
    const hover = hoverAt(analysis, usesKey.indexOf('Tracker Key'), catalog, '/ws/macros')!;
    assert.match(hover.markdown, /^\*\*\(\(Tracker Key\)\)\*\* — external data · saved by Create Jira issue from key/);
  });

  it('go to definition lands on the returnValues entry of the macro that saves it', async () => {
    const service = createCcmacroService({ fs: workspace() });
    const text = jiraText();
    service.catalogs.externalData.setMacro(JIRA, text);
    const catalog = await service.catalogs.resolve({ macroPath: MACRO });
    const d = definitionAt(analyzeMacro(usesKey), usesKey.indexOf('Tracker Key'), catalog)!;
    assert.deepEqual(
      d.locations.map(l => [l.kind, l.path, text.slice(l.range.start, l.range.end)]),
      [['returnValue', JIRA, '"Tracker Key"']],
    );
    // Edited since it was read: the entry is found again in the current text.
    const edited = '// moved down\n' + text;
    const r = currentDefinitionRange(d.locations[0], edited);
    assert.equal(edited.slice(r.start, r.end), '"Tracker Key"');
  });

  it('external data of a feedback macro is not offered to a user macro; a catalog entry keeps its own description', async () => {
    const service = createCcmacroService({
      fs: workspace({
        '/ws/.ccmacro/tags.json':
          '{ "tags": [ { "name": "Jira ID", "description": "The issue number", "scope": "feedback" } ] }',
      }),
    });
    service.catalogs.externalData.setMacro(JIRA, jiraText());
    const userMacro = macroText(
      '{ "method": "POST", "url": "https://x", "body": { "t": "((|" } }',
      '\n  "scope": "user",',
    );
    const catalog = await service.catalogs.resolve({ macroPath: MACRO });
    const offset = userMacro.indexOf('((|') + 2;
    const names = completeAt(analyzeMacro(userMacro.replace('|', '')), offset, catalog)!.map(i => i.label);
    assert.ok(!names.includes('Tracker Key'));
    const id = catalog.tags.get('Jira ID')!;
    assert.equal(id.description, 'The issue number');
    assert.deepEqual(
      id.sources.map(s => s.kind),
      ['project', 'returnValue'],
    );
  });

  it('ccmacro validate reports a return value the sample response does not hold, on the entry', async () => {
    const sample = JSON.stringify([
      { Title: 'a', $response: { status: 201, body: { key: 'A-1', id: 1 } } },
      { Title: 'b', $response: { status: 201, body: { id: 2 } } },
    ]);
    const text = jiraText().replace('"returnValues"', '"samples": ["s.sample.json"],\n  "returnValues"');
    const service = createCcmacroService({ fs: workspace({ '/ws/other/s.sample.json': sample }) });
    const r = await service.validate(text, { path: JIRA });
    const problems = r.problems.filter(p => p.code.startsWith('return/'));
    assert.deepEqual(
      problems.map(p => [p.code, p.severity, text.slice(p.range.start, p.range.end)]),
      [['return/missing', 'error', '"key": "Tracker Key"']],
    );
    assert.match(problems[0].message, /^The response in s\.sample\.json \[1\] has no "key"/);
  });
});
