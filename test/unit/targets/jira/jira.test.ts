import * as assert from 'node:assert/strict';
import { parseMacro } from '../../../../src/core/macro/parse';
import { macroTarget, targetFix } from '../../../../src/core/targets';
import { jiraCall } from '../../../../src/core/targets/jira/request';
import { escapeWiki } from '../../../../src/core/targets/jira/wiki';
import { renderMacro } from '../../../../src/core/targets/render';
import { InMemoryFileSystem } from '../../../fakes/fileSystem';
import { check, macro } from '../../macro/helpers';

const CLOUD = 'https://yourcompany.atlassian.net/rest/api/3/issue';
const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
const create = (fields: Record<string, unknown>, url = CLOUD, extra: Record<string, unknown> = {}) =>
  macro(extra, {
    url,
    body: { fields: { project: { key: 'BETA' }, issuetype: { name: 'Bug' }, summary: '((Title))', ...fields } },
  });

function applyFix(text: string, code: string): string {
  const fix = targetFix(parseMacro(text), code);
  assert.ok(fix, `a fix for ${code}`);
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

describe('Jira target', () => {
  it('is recognised from Cloud and Server/Data Center URLs, v2 and v3, and tells the operation from method and path', () => {
    for (const url of [
      CLOUD,
      'https://yourcompany.atlassian.net/rest/api/2/issue/BETA-1/transitions',
      'https://jira.example.com/rest/api/2/issue/',
      'https://jira.example.com/jira/rest/api/2/issue/((Jira Key))/comment',
      'https://api.atlassian.com/ex/jira/abc-123/rest/api/3/issue',
    ])
      assert.equal(macroTarget(parseMacro(macro({}, { url }))), 'jira', url);
    assert.equal(macroTarget(parseMacro(macro({}, { url: 'https://x.test/rest/api/2/project' }))), 'generic');
    assert.deepEqual(jiraCall('POST', CLOUD), { version: 3, operation: 'create', issue: undefined });
    assert.deepEqual(jiraCall('PUT', `${CLOUD}/BETA-12`), { version: 3, operation: 'update', issue: 'BETA-12' });
    assert.deepEqual(jiraCall('POST', 'http://h/rest/api/2/issue/10001/comment'), {
      version: 2,
      operation: 'comment',
      issue: '10001',
    });
    assert.equal(jiraCall('POST', 'http://h/rest/api/2/issue/A-1/transitions?expand=x')?.operation, 'transition');
    assert.equal(jiraCall('GET', `${CLOUD}/A-1`)?.operation, undefined);
  });

  it('a create without project, issue type or summary is an error at "fields"; a near-miss field name gets a did-you-mean', async () => {
    const text = macro({}, { url: CLOUD, body: { fields: { project: { key: 'BETA' }, summery: '((Title))' } } });
    const p = await check(text, { codes: 'render/jira-' });
    assert.deepEqual(
      p.map(x => [x.code, x.severity, x.text]),
      [
        ['render/jira-missing-field', 'error', '{'],
        ['render/jira-missing-field', 'error', '{'],
        ['render/jira-unknown-field', 'warning', '"((Title))"'],
      ],
    );
    assert.match(p[0].message, /Creating an issue needs "issuetype" in "fields": \{"name": "Bug"\}/);
    assert.match(p[1].message, /needs "summary"/);
    assert.match(p[2].message, /Jira has no field "summery"; did you mean "summary"\?/);
    assert.deepEqual(await check(create({ customfield_10042: 'x', labels: ['a'] }), { codes: 'render/jira-' }), []);
  });

  it('an update that sets neither "fields" nor "update" is an error; a transition needs its id', async () => {
    const p = await check(macro({}, { method: 'PUT', url: `${CLOUD}/BETA-1`, body: { notify: true } }), {
      codes: 'render/jira-',
    });
    assert.deepEqual(
      p.map(x => x.code),
      ['render/jira-empty-update'],
    );
    const tr = await check(macro({}, { url: `${CLOUD}/BETA-1/transitions`, body: { fields: {} } }), {
      codes: 'render/jira-',
    });
    assert.deepEqual(
      tr.map(x => x.code),
      ['render/jira-no-transition'],
    );
  });

  it('the summary: a value with a line break is sent on one line with a warning at the tag; over 255 characters is an error', async () => {
    const fs = new InMemoryFileSystem({
      '/proj/macros/s.json': JSON.stringify([{ Title: 'Crash\r\non start\nagain' }]),
    });
    const text = create({}, CLOUD, { samples: ['s.json'] });
    const r = renderMacro(parseMacro(text), { sample: { Title: 'Crash\r\non start\nagain' } });
    assert.equal(
      (JSON.parse(r.request!.bodyText!) as { fields: { summary: string } }).fields.summary,
      'Crash on start again',
    );
    const p = await check(text, { fs, codes: 'render/jira-' });
    assert.deepEqual(
      p.map(x => [x.code, x.severity, x.text]),
      [['render/jira-summary-line-break', 'warning', '((Title))']],
    );
    const long = await check(create({}, CLOUD, { samples: ['s.json'] }), {
      fs: new InMemoryFileSystem({ '/proj/macros/s.json': JSON.stringify([{ Title: 'x'.repeat(256) }]) }),
      codes: 'render/jira-',
    });
    assert.deepEqual(
      long.map(x => [x.code, x.text]),
      [['render/jira-summary-too-long', '"((Title))"']],
    );
    assert.match(long[0].message, /256 characters once filled in; Jira takes at most 255/);
    const literal = await check(create({ summary: 'two\nlines' }), { codes: 'render/jira-' });
    assert.deepEqual(
      literal.map(x => x.code),
      ['render/jira-summary-multiline'],
    );
  });

  it('limits with the longest values: the summary with a declared maxLength, the description with the longest sample value', async () => {
    const fs = new InMemoryFileSystem({
      '/proj/macros/samples/blockers.sample.json': JSON.stringify([
        { Title: 'a', Description: 'short' },
        { Title: 'b', Description: 'd'.repeat(32600) },
      ]),
      '/proj/.ccmacro/tags.json': JSON.stringify({ tags: [{ name: 'Title', maxLength: 300 }] }),
    });
    const text = create({ description: adf('((Title)): ((Description))') }, CLOUD, {
      samples: ['samples/blockers.sample.json'],
    });
    const p = await check(text, { fs, codes: 'render/jira-' });
    assert.deepEqual(
      p.map(x => [x.code, x.text]),
      [
        ['render/jira-summary-too-long', '"((Title))"'],
        ['render/jira-text-too-long', '{'],
      ],
    );
    assert.match(p[0].message, /\(with \(\(Title\)\) at its declared maxLength of 300 characters\)$/);
    assert.match(
      p[1].message,
      /32,902 characters .*\(with the longest \(\(Description\)\) in samples\/blockers\.sample\.json \[1\], 32,600 characters\)$/,
    );
  });

  it('v3: a plain-string description is an error at the string, and the quick fix wraps it in a paragraph per line', async () => {
    const text = create({ description: '((Description))\nReported by ((Submitter Name))' });
    const p = await check(text, { codes: 'render/jira-' });
    assert.deepEqual(
      p.map(x => [x.code, x.severity, x.text]),
      [['render/jira-adf-string', 'error', '"((Description))\\nReported by ((Submitter Name))"']],
    );
    assert.match(p[0].message, /takes the description as an Atlassian document, not a plain text/);
    const fixed = applyFix(text, 'render/jira-adf-string');
    const body = (JSON.parse(fixed) as { request: { body: { fields: { description: unknown } } } }).request.body;
    assert.deepEqual(body.fields.description, {
      type: 'doc',
      version: 1,
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: '((Description))' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Reported by ((Submitter Name))' }] },
      ],
    });
    assert.deepEqual(await check(fixed, { codes: 'render/jira-' }), []);
    assert.equal(targetFix(parseMacro(fixed), 'render/jira-adf-string'), undefined);
  });

  it('ADF problems are located at the node in the macro', async () => {
    const text = create({
      description: {
        type: 'doc',
        version: 1,
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'ok' }] },
          { type: 'paragraf', content: [{ type: 'text', text: '((Title))' }] },
        ],
      },
    });
    const p = await check(text, { codes: 'render/jira-' });
    assert.deepEqual(
      p.map(x => [x.code, x.text]),
      [['render/jira-adf-unknown-node', '"paragraf"']],
    );
    const empty = await check(create({ description: adf('((Steps))') }, CLOUD, { samples: ['s.json'] }), {
      fs: new InMemoryFileSystem({ '/proj/macros/s.json': JSON.stringify([{ Title: 'x', Steps: '' }]) }),
      codes: 'render/jira-',
    });
    assert.deepEqual(
      empty.map(x => [x.code, x.text]),
      [['render/jira-adf-empty-text', '"((Steps))"']],
    );
  });

  it('v2 / Server: an ADF description is an error; values in wiki-markup strings are escaped so they show literally', async () => {
    const v2 = 'https://jira.example.com/rest/api/2/issue';
    const p = await check(create({ description: adf('x') }, v2), { codes: 'render/jira-' });
    assert.deepEqual(
      p.map(x => x.code),
      ['render/jira-adf-in-v2'],
    );
    const r = renderMacro(parseMacro(create({ description: 'From Centercode: ((Description))' }, v2)), {
      sample: {
        Title: 't',
        Description: '*bold* [link|https://evil.test] {code}x{code} |a|b| !img.png! \\ h1. x\nh1. Big',
      },
    });
    const sent = (JSON.parse(r.request!.bodyText!) as { fields: { description: string } }).fields.description;
    assert.equal(
      sent,
      'From Centercode: \\*bold\\* \\[link\\|https\\://evil.test\\] \\{code\\}x\\{code\\} \\|a\\|b\\| \\!img.png\\! &#92; h1. x\nh1\\. Big',
    );
    assert.equal(escapeWiki('plain words 123'), 'plain words 123');
  });
});
