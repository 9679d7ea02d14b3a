import * as assert from 'node:assert/strict';
import { parseMacro } from '../../../src/core/macro/parse';
import { slackFlagFix } from '../../../src/core/targets/slack/legacyFlag';
import { InMemoryFileSystem } from '../../fakes/fileSystem';
import { check, macro, MACRO_PATH } from '../macro/helpers';
import { renderForSend } from '../../../src/core/send/prepare';
import { targetRenderProblems } from '../../../src/core/check/targetRender';
import type { CheckContext } from '../../../src/core/check/types';
import type { SampleRenders } from '../../../src/core/check/renderSamples';
import type { SampleSource } from '../../../src/core/samples/load';
import { TagCatalogs } from '../../../src/core/tags/catalog';

const CT = 'application/vnd.microsoft.card.adaptive';
const teamsBody = (body: unknown[]) => ({
  type: 'message',
  attachments: [{ contentType: CT, content: { type: 'AdaptiveCard', version: '1.4', body } }],
});

function applyFix(text: string): string {
  const fix = slackFlagFix(parseMacro(text))!;
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

describe('"target" and the version-1 "slack" flag', () => {
  it('"slack": true still works, with a hint (info) on the flag', async () => {
    const text = macro({ slack: true }, { body: { text: 'hi' } });
    const p = await check(text, { codes: 'macro/' });
    assert.deepEqual(
      p.map(x => [x.code, x.severity, x.text]),
      [['macro/slack-deprecated', 'info', '"slack": true']],
    );
    assert.match(p[0].message, /"target": "slack"/);
  });

  it('the quick fix writes "target" in place of the flag, or removes the flag when "target" is there', async () => {
    const text = macro({ slack: true }, { body: { text: 'hi' } });
    const fixed = applyFix(text);
    assert.match(fixed, /\n {2}"target": "slack",\n/);
    assert.ok(!fixed.includes('"slack":'));
    assert.deepEqual(await check(fixed, { codes: 'macro/' }), []);
    assert.equal(slackFlagFix(parseMacro(text))!.title, 'Replace with "target": "slack"');
    assert.match(applyFix(macro({ slack: false })), /"target": "generic"/);

    const both = macro({ target: 'teams', slack: true });
    const conflict = await check(both, { codes: 'macro/' });
    assert.deepEqual(
      conflict.map(x => [x.code, x.severity]),
      [['macro/target-conflict', 'warning']],
    );
    const removed = applyFix(both);
    assert.ok(!removed.includes('"slack":'), removed);
    assert.doesNotThrow(() => JSON.parse(removed));
    assert.equal(slackFlagFix(parseMacro(macro({ target: 'slack' }))), undefined);
  });

  it('warns when "target" contradicts the URL', async () => {
    const p = await check(macro({ target: 'teams' }, { url: 'https://hooks.slack.com/services/${secret:X}' }), {
      codes: 'macro/',
    });
    assert.deepEqual(
      p.map(x => [x.code, x.text]),
      [['macro/target-url-mismatch', '"teams"']],
    );
  });

  it('Teams Workflows take a JSON POST, as Slack webhooks do', async () => {
    const p = await check(macro({ target: 'teams' }, { method: 'PUT', bodyFormat: 'text', body: 'hi' }), {
      codes: 'request/teams',
    });
    assert.deepEqual(
      p.map(x => [x.code, x.text]),
      [
        ['request/teams-method', '"PUT"'],
        ['request/teams-body-format', '"text"'],
      ],
    );
  });
});

describe('the Teams card check (editor and ccmacro validate)', () => {
  it('a correct Teams macro has no problems at all', async () => {
    const text = macro(
      { target: 'teams', samples: ['s.json'] },
      {
        body: teamsBody([
          { type: 'TextBlock', text: '((Title))', wrap: true },
          { type: 'FactSet', facts: [{ title: 'By', value: '((Submitter Name))' }] },
        ]),
      },
    );
    const fs = new InMemoryFileSystem({ '/proj/macros/s.json': '[{"Title": "a", "Submitter Name": "b"}]' });
    assert.deepEqual(await check(text, { fs }), []);
  });

  it('reports card problems at their line and column, checking every item of the sample', async () => {
    const text = macro(
      { target: 'teams', samples: ['s.json'] },
      {
        body: teamsBody([
          { type: 'TextBlok', text: '((Title))' },
          { type: 'TextBlock', text: 'x', size: '((Size))' },
          { type: 'Image', url: '((Link))' },
        ]),
      },
    );
    const fs = new InMemoryFileSystem({
      '/proj/macros/s.json': JSON.stringify([
        { Title: 'a', Size: 'Large', Link: 'https://ok.test' },
        { Title: 'Bug two', Size: 'Huge', Link: 'javascript:x' },
      ]),
    });
    const p = await check(text, { fs, codes: 'render/teams' });
    assert.deepEqual(
      p.map(x => [x.code, x.severity, x.text]),
      [
        ['render/teams-unknown-element-type', 'warning', '"TextBlok"'],
        ['render/teams-invalid-property-value', 'warning', '"((Size))"'],
        ['render/teams-url-value', 'warning', '((Link))'],
      ],
    );
    assert.deepEqual(
      [p[0].line, p[0].column],
      [
        text.slice(0, text.indexOf('"TextBlok"')).split('\n').length,
        text.split('\n')[p[0].line - 1].indexOf('"TextBlok"') + 1,
      ],
    );
    assert.match(p[1].message, /^Invalid value "Huge" for property "size"\. \(with sample s\.json \[1\]/);
    assert.ok(!p[0].message.includes('with sample'), 'a problem every item has names none');
  });

  it('runs for Teams macros only, and survives a sample that does not load', async () => {
    const broken = macro({ samples: ['missing.json'] }, { body: teamsBody([{ type: 'TextBlok' }]) });
    assert.deepEqual(await check(broken, { codes: 'render/teams' }), []);
    const teams = macro({ target: 'teams', samples: ['missing.json'] }, { body: teamsBody([{ type: 'TextBlok' }]) });
    const p = await check(teams, { codes: 'render/teams' });
    assert.deepEqual(p, []);
    assert.ok((await check(teams)).some(x => x.code === 'samples/not-found'));
    assert.equal(MACRO_PATH, '/proj/macros/test.ccmacro.json');
  });

  it('checks the cards the render check rendered (one render per item), never rendering again', async () => {
    const text = macro({ target: 'teams' }, { body: teamsBody([{ type: 'TextBlok', text: '((Title))' }]) });
    const parsed = parseMacro(text);
    const source: SampleSource = {
      name: 's.json',
      id: '/proj/macros/s.json',
      items: [{ Title: 'a' }, { Title: 'b' }],
      responses: [],
      fileProblems: [],
      itemProblems: [[], []],
    };
    const sample = { source, entry: 0 };
    const shared: SampleRenders = {
      samples: [sample],
      renders: [{ sample, index: 1, result: renderForSend(parsed, { Title: 'b' }) }],
    };
    // An empty file system: only the renders the context already holds (the longest values are those of item 1, so the
    // longest-values check renders nothing more either).
    const env = { catalogs: new TagCatalogs(new InMemoryFileSystem()) };
    const ctx = {
      parsed,
      dir: '/proj/macros',
      options: { path: MACRO_PATH },
      env,
      shared: { sampleRenders: Promise.resolve(shared) },
    } as unknown as CheckContext;
    const p = await targetRenderProblems(ctx);
    assert.deepEqual(
      p.map(x => [x.code, text.slice(x.range.start, x.range.end)]),
      [['render/teams-unknown-element-type', '"TextBlok"']],
    );
  });

  it('checks an item as a send renders it: an item a send refuses has no card to check, the render check says why', async () => {
    const text = macro(
      { target: 'teams', samples: ['s.json'] },
      {
        body: teamsBody([
          { type: 'TextBlock', text: 'x', size: '((Size))' },
          { type: 'TextBlock', text: '((Title))' },
        ]),
      },
    );
    const fs = new InMemoryFileSystem({
      '/proj/macros/s.json': JSON.stringify([{ Title: 'a', Size: 'Large' }, { Size: 'Huge' }]),
    });
    const p = await check(text, { fs });
    assert.deepEqual(
      p.filter(x => x.severity === 'error' || x.code.startsWith('render/teams')).map(x => [x.code, x.text]),
      [['render/missing-tag', '((Title))']],
    );
  });
});

describe("the Slack payload check (editor and ccmacro validate report every target's rules)", () => {
  const slack = (body: unknown) =>
    macro({ target: 'slack', samples: ['s.json'] }, { url: 'https://hooks.slack.com/services/${secret:X}', body });
  const fs = () => new InMemoryFileSystem({ '/proj/macros/s.json': '[{"Title": "a"}, {"Title": "b"}]' });

  it('"blocks": [] is render/slack-no-text, an error (Slack answers no_text), at the body, once for all items', async () => {
    const p = await check(slack({ blocks: [] }), { fs: fs(), codes: 'render/slack' });
    assert.deepEqual(
      p.map(x => [x.code, x.severity, x.text]),
      [['render/slack-no-text', 'error', '{']],
    );
    assert.match(p[0].message, /rejects it with "no_text"/);
    assert.ok(!p[0].message.includes('with sample'), 'every item has it: no item is named');
  });

  it('51 blocks are render/slack-too-many-blocks at "blocks"; a value that makes a section too long names its item', async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    const many = await check(slack({ text: 'hi', blocks }), { fs: fs(), codes: 'render/slack' });
    assert.deepEqual(
      many.map(x => [x.code, x.text.slice(0, 1)]),
      [['render/slack-too-many-blocks', '[']],
    );
    const long = new InMemoryFileSystem({
      '/proj/macros/s.json': JSON.stringify([{ Title: 'short' }, { Title: 'x'.repeat(3001) }]),
    });
    const section = await check(
      slack({ text: 'hi', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '((Title))' } }] }),
      { fs: long, codes: 'render/slack' },
    );
    assert.deepEqual(
      section.map(x => [x.code, x.text]),
      [['render/slack-section-too-long', '"((Title))"']],
    );
    assert.match(section[0].message, /\(with sample s\.json \[1\]/);
  });

  it('a generic macro posting the same body is not checked against Slack', async () => {
    const generic = macro({ samples: ['s.json'] }, { body: { blocks: [] } });
    assert.deepEqual(await check(generic, { fs: fs(), codes: 'render/slack' }), []);
  });
});
