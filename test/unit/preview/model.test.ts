import * as assert from 'node:assert/strict';
import { targetView } from './views';
import {
  buildPreviewModel,
  segmentsText,
  type PreviewModelInput,
  type PreviewRenderInput,
} from '../../../src/core/preview/model';
import { prettyPrintJson } from '../../../src/core/preview/prettyJson';

function input(render: PreviewRenderInput, extra: Partial<PreviewModelInput> = {}): PreviewModelInput {
  return {
    seq: 1,
    documentUri: 'file:///m.ccmacro.json',
    fileName: 'm.ccmacro.json',
    documentText: 'line0\nline1\nline2',
    render,
    problems: [],
    samples: [],
    locked: false,
    ...extra,
  };
}

describe('prettyPrintJson', () => {
  it('re-indents JSON and maps offsets into the new text', () => {
    const src = '{"a":"xyz","b":[1,2],"c":{},"d":[]}';
    const p = prettyPrintJson(src)!;
    assert.equal(p.text, '{\n  "a": "xyz",\n  "b": [\n    1,\n    2\n  ],\n  "c": {},\n  "d": []\n}');
    const y = src.indexOf('y');
    assert.equal(p.text[p.mapOffset(y, 'start')], 'y');
    // A whole-token range (a typed value) keeps its end right after the token.
    const one = src.indexOf('1');
    assert.equal(p.text.slice(p.mapOffset(one, 'start'), p.mapOffset(one + 1, 'end')), '1');
  });

  it('refuses text that is not strict JSON', () => {
    assert.equal(prettyPrintJson('{"a":1,}'), undefined);
    assert.equal(prettyPrintJson('hello'), undefined);
    assert.equal(prettyPrintJson('{"a":1} // c'), undefined);
  });

  it('shows JSON nested 8,000 deep as sent: indented, it would grow with the square of its depth (128 million spaces)', () => {
    const deep = '['.repeat(8000) + ']'.repeat(8000);
    assert.equal(prettyPrintJson(deep), undefined);
    assert.ok(prettyPrintJson('['.repeat(128) + ']'.repeat(128)), '128 levels are still re-indented');
  });
});

describe('buildPreviewModel', () => {
  it('highlights substituted values in the pretty body, naming the tag and its source', () => {
    const bodyText = '{"text":"New: Crash on \\"save\\"","id":42}';
    const valueStart = bodyText.indexOf('Crash');
    const valueEnd = bodyText.indexOf('","id"');
    const numStart = bodyText.indexOf('42');
    const m = buildPreviewModel(
      input({
        request: { method: 'POST', url: 'https://x.test/hook', headers: [], bodyText, contentType: 'application/json' },
        substitutions: [
          {
            tag: 'Title',
            source: { start: 100, end: 109 },
            target: { part: 'body', start: valueStart, end: valueEnd },
          },
          {
            tag: 'Feedback ID',
            source: { start: 120, end: 135 },
            target: { part: 'body', start: numStart, end: numStart + 2 },
          },
        ],
        target: 'generic',
      }),
    );
    const body = m.request!.body!;
    assert.equal(body.pretty, true);
    assert.equal(segmentsText(body.segments), '{\n  "text": "New: Crash on \\"save\\"",\n  "id": 42\n}');
    const tagged = body.segments.filter(s => s.tag);
    assert.deepEqual(tagged, [
      { text: 'Crash on \\"save\\"', tag: 'Title', written: '((Title))', source: { start: 100, end: 109 } },
      { text: '42', tag: 'Feedback ID', written: '((Feedback ID))', source: { start: 120, end: 135 } },
    ]);
    assert.equal(body.byteLength, Buffer.byteLength(bodyText));
    assert.equal(m.target, 'generic');
    assert.equal(m.targetTab, undefined);
  });

  it('shows JSON that is already on several lines as sent', () => {
    const bodyText = '{\n    "a": "x"\n}';
    const m = buildPreviewModel(
      input({
        request: { method: 'POST', url: 'u', headers: [], bodyText },
        substitutions: [{ tag: 'T', source: { start: 0, end: 5 }, target: { part: 'body', start: 12, end: 13 } }],
        target: 'generic',
      }),
    );
    assert.equal(m.request!.body!.pretty, false);
    assert.deepEqual(m.request!.body!.segments, [
      { text: '{\n    "a": "' },
      { text: 'x', tag: 'T', written: '((T))', source: { start: 0, end: 5 } },
      { text: '"\n}' },
    ]);
  });

  it('shows a body that is not JSON as sent', () => {
    const m = buildPreviewModel(
      input({
        request: { method: 'POST', url: 'u', headers: [], bodyText: 'a=1&b=x' },
        substitutions: [{ tag: 'T', source: { start: 0, end: 5 }, target: { part: 'body', start: 6, end: 7 } }],
        target: 'generic',
      }),
    );
    assert.equal(m.request!.body!.pretty, false);
    assert.deepEqual(m.request!.body!.segments, [
      { text: 'a=1&b=' },
      { text: 'x', tag: 'T', written: '((T))', source: { start: 0, end: 5 } },
    ]);
  });

  it('masks placeholders, credential headers and Slack webhook paths, and keeps tag values visible', () => {
    const url = 'https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX';
    const m = buildPreviewModel(
      input({
        request: {
          method: 'POST',
          url,
          headers: [
            { name: 'Authorization', value: 'Bearer ${secret:API_TOKEN}' },
            { name: 'X-Api-Key', value: 'literal-key-123456' },
            { name: 'X-Env', value: 'pre-${env:STAGE}-((x))' },
            { name: 'X-Title', value: 'Crash' },
          ],
          bodyText: '{}',
        },
        substitutions: [
          { tag: 'Title', source: { start: 3, end: 12 }, target: { part: 'header', headerIndex: 3, start: 0, end: 5 } },
        ],
        target: 'slack',
      }),
    );
    const json = JSON.stringify(m);
    assert.ok(!json.includes('XXXXSECRETXXXX'), 'the Slack webhook path is hidden');
    assert.ok(!json.includes('literal-key-123456'), 'a literal API key is hidden');
    assert.ok(!json.includes('${secret:'), 'placeholders are not shown raw');
    const [auth, key, env, title] = m.request!.headers;
    assert.deepEqual(auth.value, [{ text: 'Bearer ' }, { text: '•••• (secret API_TOKEN)', masked: true }]);
    assert.deepEqual(key.value, [{ text: '••••', masked: true }]);
    assert.equal(segmentsText(env.value), 'pre-•••• (env STAGE)-((x))');
    assert.deepEqual(title.value, [
      { text: 'Crash', tag: 'Title', written: '((Title))', source: { start: 3, end: 12 } },
    ]);
    assert.equal(segmentsText(m.request!.url), 'https://hooks.slack.com/services/••••');
  });

  it('masks a placeholder in the URL but shows the rest', () => {
    const m = buildPreviewModel(
      input({
        request: { method: 'GET', url: 'https://x.test/${secret:HOOK}?q=abc', headers: [] },
        substitutions: [{ tag: 'Q', source: { start: 50, end: 55 }, target: { part: 'url', start: 32, end: 35 } }],
        target: 'generic',
      }),
    );
    assert.deepEqual(m.request!.url, [
      { text: 'https://x.test/' },
      { text: '•••• (secret HOOK)', masked: true },
      { text: '?q=' },
      { text: 'abc', tag: 'Q', written: '((Q))', source: { start: 50, end: 55 } },
    ]);
    assert.equal(m.request!.body, undefined);
  });

  it('adds a Slack message tree for Slack payloads', () => {
    const m = buildPreviewModel(
      input({
        request: { method: 'POST', url: 'u', headers: [], bodyText: '{"text":"*hi* <!here>"}' },
        substitutions: [],
        target: 'slack',
      }),
    );
    assert.equal(m.target, 'slack');
    assert.equal(m.targetTab?.label, 'Slack message');
    assert.deepEqual(targetView(m, 'slack')!.text, [
      { kind: 'bold', children: [{ kind: 'text', text: 'hi' }] },
      { kind: 'text', text: ' ' },
      { kind: 'mention', target: 'broadcast', text: '@here' },
    ]);
    const bad = buildPreviewModel(
      input({
        request: { method: 'POST', url: 'u', headers: [], bodyText: 'nope' },
        substitutions: [],
        target: 'slack',
      }),
    );
    assert.match(targetView(bad, 'slack')!.notes[0], /not valid JSON/);
  });

  it('lists problems with 1-based line and column, errors first, without duplicates', () => {
    const w = { code: 'w', severity: 'warning' as const, message: 'warn', range: { start: 1, end: 2 } };
    const e = { code: 'e', severity: 'error' as const, message: 'err', range: { start: 8, end: 9 } };
    const m = buildPreviewModel(
      input(
        { substitutions: [], target: 'generic' },
        {
          problems: [w, e, { ...e }],
          foreignProblems: [
            {
              path: '/s.json',
              text: '{\n "a": 1x }',
              problems: [{ code: 's', severity: 'error', message: 'bad sample', range: { start: 9, end: 10 } }],
            },
          ],
        },
      ),
    );
    assert.equal(m.request, undefined);
    assert.deepEqual(
      m.problems.map(p => [p.code, p.line, p.column, p.path]),
      [
        ['e', 2, 3, undefined],
        ['s', 2, 8, '/s.json'],
        ['w', 1, 2, undefined],
      ],
    );
  });
});
