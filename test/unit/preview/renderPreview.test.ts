import * as assert from 'node:assert/strict';
import { targetView } from './views';
import { InMemoryFileSystem } from '../../fakes/fileSystem';
import { segmentsText } from '../../../src/core/preview/model';
import { parseSampleKey, renderPreview, sampleKey } from '../../../src/core/preview/renderPreview';

const MACRO = `{
  "name": "Escalate issue to Slack",
  "request": {
    "method": "POST",
    "url": "https://hooks.slack.com/services/\${secret:SLACK_WEBHOOK}",
    "body": { "text": "New issue: ((Title)) from ((Submitter Name))" }
  },
  "samples": ["../samples/issue.sample.json"]
}`;
const SAMPLE = JSON.stringify([
  { Title: 'Crash on save', 'Submitter Name': 'Dana' },
  { Title: 'Second', 'Submitter Name': 'Lee' },
]);

function fs() {
  return new InMemoryFileSystem({ '/w/macros/m.ccmacro.json': MACRO, '/w/samples/issue.sample.json': SAMPLE });
}

describe('renderPreview', () => {
  it('offers each item of the macro sample file, then the built-ins, and renders the first by default', async () => {
    const m = await renderPreview({
      text: MACRO,
      path: '/w/macros/m.ccmacro.json',
      documentUri: 'file:///w/macros/m.ccmacro.json',
      fs: fs(),
      locked: false,
      seq: 3,
    });
    assert.deepEqual(
      m.samples.filter(s => s.group === 'issue.sample.json').map(s => [s.key, s.label]),
      [
        ['/w/samples/issue.sample.json#0', '[0] Crash on save'],
        ['/w/samples/issue.sample.json#1', '[1] Second'],
      ],
    );
    assert.ok(m.samples.some(s => s.key === 'builtin:hostile#0' && s.group === 'Built-in samples'));
    assert.equal(m.selectedSample, '/w/samples/issue.sample.json#0');
    assert.equal(m.seq, 3);
    assert.equal(m.macroName, 'Escalate issue to Slack');
    assert.equal(m.target, 'slack');
    assert.match(segmentsText(m.request!.body!.segments), /"text": "New issue: Crash on save from Dana"/);
    assert.equal(segmentsText(m.request!.url), 'https://hooks.slack.com/services/•••• (secret SLACK_WEBHOOK)');
    assert.deepEqual(m.problems, []);
  });

  it('renders the picked item, and the hostile built-in as plain values', async () => {
    const second = await renderPreview({
      text: MACRO,
      path: '/w/macros/m.ccmacro.json',
      documentUri: 'u',
      fs: fs(),
      sampleKey: '/w/samples/issue.sample.json#1',
      locked: true,
      seq: 1,
    });
    assert.match(segmentsText(second.request!.body!.segments), /Second from Lee/);
    assert.equal(second.locked, true);
    const hostile = await renderPreview({
      text: MACRO,
      path: '/w/macros/m.ccmacro.json',
      documentUri: 'u',
      fs: fs(),
      sampleKey: 'builtin:hostile#0',
      locked: false,
      seq: 1,
    });
    assert.equal(hostile.selectedSample, 'builtin:hostile#0');
    const title = hostile.request!.body!.segments.find(s => s.tag === 'Title');
    assert.ok(title, 'the Title value is highlighted');
    assert.ok(targetView(hostile, 'slack'), 'a Slack message tree is built');
  });

  it('falls back to the default sample for an unknown key, and lists sample-file problems with their path', async () => {
    const broken = new InMemoryFileSystem({ '/w/samples/issue.sample.json': '{ "Title": ' });
    const m = await renderPreview({
      text: MACRO,
      path: '/w/macros/m.ccmacro.json',
      documentUri: 'u',
      fs: broken,
      sampleKey: 'nope#0',
      locked: false,
      seq: 1,
    });
    assert.equal(m.selectedSample, '/w/samples/issue.sample.json#0');
    assert.ok(
      m.problems.some(p => p.path === '/w/samples/issue.sample.json' && p.severity === 'error' && p.line === 1),
    );
    const noItems = new InMemoryFileSystem({ '/w/samples/issue.sample.json': '[1]' });
    const n = await renderPreview({
      text: MACRO,
      path: '/w/macros/m.ccmacro.json',
      documentUri: 'u',
      fs: noItems,
      locked: false,
      seq: 1,
    });
    assert.equal(n.request, undefined);
    assert.match(n.notice!, /no sample item/);
  });

  it('reports missing tags at their source and a file that does not parse', async () => {
    const text = '{"name":"x","request":{"method":"POST","url":"https://x.test","body":{"a":"((Nope))"}}}';
    const m = await renderPreview({
      text,
      path: '/w/x.ccmacro.json',
      documentUri: 'u',
      fs: fs(),
      sampleKey: 'builtin:feedback#0',
      locked: false,
      seq: 1,
    });
    const missing = m.problems.find(p => p.code === 'render/missing-tag');
    assert.ok(missing);
    assert.equal(text.slice(missing.start, missing.end), '((Nope))');
    assert.equal(missing.line, 1);
    const bad = await renderPreview({
      text: '{"name": ',
      path: '/w/x.ccmacro.json',
      documentUri: 'u',
      fs: fs(),
      locked: false,
      seq: 1,
    });
    assert.equal(bad.request, undefined);
    assert.ok(bad.problems.some(p => p.code.startsWith('syntax/')));
  });

  it('keys round-trip, including paths with #', () => {
    assert.deepEqual(parseSampleKey(sampleKey('/a#b/s.json', 2)), { id: '/a#b/s.json', index: 2 });
    assert.equal(parseSampleKey('x'), undefined);
    assert.equal(parseSampleKey('x#-1'), undefined);
  });
});

describe('renderPreview: return values', () => {
  const text = MACRO.replace(
    '"samples"',
    '"returnValues": { "ts": "Slack TS", "channel.id": "Channel" },\n  "samples"',
  );
  const sample = JSON.stringify([
    { Title: 'a', 'Submitter Name': 'D', $response: { status: 200, body: { ts: '1712.5', channel: {} } } },
    { Title: 'b', 'Submitter Name': 'E' },
  ]);
  const files = () =>
    new InMemoryFileSystem({ '/w/macros/m.ccmacro.json': text, '/w/samples/issue.sample.json': sample });
  const preview = (key?: string) =>
    renderPreview({
      text,
      path: '/w/macros/m.ccmacro.json',
      documentUri: 'file:///w/macros/m.ccmacro.json',
      fs: files(),
      locked: false,
      seq: 1,
      ...(key ? { sampleKey: key } : {}),
    });

  it("shows what Centercode would save from the item's $response, and a missing field as a problem on the entry", async () => {
    const m = await preview();
    assert.equal(m.returnValues?.source, "the sample's response, status 200");
    assert.deepEqual(
      m.returnValues?.entries.map(e => [e.name, e.field, e.value, text.slice(e.start, e.end)]),
      [
        ['Slack TS', 'ts', '1712.5', '"ts": "Slack TS"'],
        ['Channel', 'channel.id', undefined, '"channel.id": "Channel"'],
      ],
    );
    const p = m.problems.find(x => x.code === 'return/missing')!;
    assert.equal(text.slice(p.start, p.end), '"channel.id": "Channel"');
    assert.match(p.message, /The sample's response has no "channel\.id"/);
  });

  it('without a response it lists the entries and says where a value would come from', async () => {
    const m = await preview('/w/samples/issue.sample.json#1');
    assert.equal(m.returnValues?.source, undefined);
    assert.deepEqual(
      m.returnValues?.entries.map(e => [e.name, e.value]),
      [
        ['Slack TS', undefined],
        ['Channel', undefined],
      ],
    );
    assert.ok(!m.problems.some(x => x.code.startsWith('return/')));
  });
});
