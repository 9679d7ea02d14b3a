import * as assert from 'node:assert/strict';
import { InMemoryFileSystem } from '../../fakes/fileSystem';
import type { SecretResolver } from '../../../src/core/host';
import { loadMacroForSend, prepareRequest, type MacroForSend } from '../../../src/core/send/prepare';

/** Answers from a fixed map and remembers what it was asked, like the vault or the environment would. */
class FakeResolver implements SecretResolver {
  readonly asked: string[] = [];
  constructor(private readonly values: Record<string, string>) {}
  async get(kind: 'secret' | 'env', name: string): Promise<string | undefined> {
    this.asked.push(`${kind}:${name}`);
    return this.values[`${kind}:${name}`];
  }
}

const MACRO = `{
  "name": "Notify",
  "samples": ["items.sample.json"],
  "request": {
    "method": "POST",
    "url": "https://hooks.example.test/\${env:TEAM}/in",
    "headers": { "Authorization": "Bearer \${secret:TOKEN}" },
    "body": { "title": "((Title))" }
  }
}`;

const files = () =>
  new InMemoryFileSystem({
    '/w/notify.ccmacro.json': MACRO,
    '/w/items.sample.json': '[{ "Title": "zero" }, { "Title": "one" }]',
    '/w/partial.sample.json': '[{ "Title": "fine" }, 5]',
  });

async function loadOk(
  text: string,
  choice: Parameters<typeof loadMacroForSend>[3] = {},
): Promise<Extract<MacroForSend, { ok: true }>> {
  const loaded = await loadMacroForSend(text, '/w', files(), choice);
  assert.ok(loaded.ok, `expected the macro to load, got ${JSON.stringify(!loaded.ok && loaded.problems)}`);
  return loaded;
}

const bodyText = (body: string | Uint8Array | undefined) =>
  typeof body === 'string' ? body : new TextDecoder().decode(body);

describe('preparing a send (core/send/prepare)', () => {
  it('loads the macro with the chosen sample item and builds the request with its secrets resolved', async () => {
    const loaded = await loadOk(MACRO, { index: 1 });
    assert.equal(loaded.sample.name, 'items.sample.json');
    assert.deepEqual(loaded.item, { Title: 'one' });
    const resolver = new FakeResolver({ 'env:TEAM': 'team-42', 'secret:TOKEN': 'tok-SECRET-1' });
    const ready = await prepareRequest(loaded.parsed, loaded.item, resolver);
    assert.ok(ready.ok);
    assert.equal(ready.request.method, 'POST');
    assert.equal(ready.request.url, 'https://hooks.example.test/team-42/in');
    assert.equal(ready.request.headers.find(h => h.name === 'Authorization')?.value, 'Bearer tok-SECRET-1');
    assert.deepEqual(JSON.parse(bodyText(ready.request.body)), { title: 'one' });
    assert.deepEqual([...ready.secretValues].sort(), ['team-42', 'tok-SECRET-1']);
    assert.equal(ready.target, 'generic');
  });

  it('says when the macro is a Slack webhook', async () => {
    const slack = MACRO.replace('"name": "Notify",', '"name": "Notify", "slack": true,');
    const loaded = await loadOk(slack);
    const ready = await prepareRequest(
      loaded.parsed,
      loaded.item,
      new FakeResolver({ 'env:TEAM': 't', 'secret:TOKEN': 'x' }),
    );
    assert.ok(ready.ok);
    assert.equal(ready.target, 'slack');
  });

  it('stops at a JSON syntax error, located in the macro text, without loading a sample', async () => {
    const broken = MACRO.replace('"method": "POST",', '"method": "POST"');
    const loaded = await loadMacroForSend(broken, '/w', files());
    assert.ok(!loaded.ok && loaded.stage === 'syntax');
    assert.ok(!('sample' in loaded), 'no sample is loaded for a macro that does not parse');
    assert.ok(loaded.problems.length > 0 && loaded.problems.every(p => p.severity === 'error'));
    const at = loaded.problems[0].range.start;
    assert.equal(
      broken.slice(at, at + '"url"'.length),
      '"url"',
      'the problem points at the property after the missing comma',
    );
  });

  it('stops when the sample has no item at the chosen index, or its file is missing', async () => {
    const outOfRange = await loadMacroForSend(MACRO, '/w', files(), { index: 5 });
    assert.ok(!outOfRange.ok && outOfRange.stage === 'sample');
    assert.deepEqual(
      outOfRange.problems.map(p => p.code),
      ['sample/index'],
    );
    assert.equal(outOfRange.sample.items.length, 2);

    const missing = await loadMacroForSend(MACRO, '/w', files(), { sample: 'gone.sample.json' });
    assert.ok(!missing.ok && missing.stage === 'sample');
    assert.deepEqual(
      missing.problems.map(p => p.code),
      ['sample/not-found'],
    );
    assert.equal(missing.sample.path, '/w/gone.sample.json');
  });

  it('sends a usable item of a sample whose other items are broken; a broken item stops with its own problem', async () => {
    const usable = await loadOk(MACRO, { sample: 'partial.sample.json' });
    assert.deepEqual(usable.item, { Title: 'fine' });
    assert.deepEqual(usable.sample.problems, [], 'the broken item 1 does not concern item 0');

    const broken = await loadMacroForSend(MACRO, '/w', files(), { sample: 'partial.sample.json', index: 1 });
    assert.ok(!broken.ok && broken.stage === 'sample');
    assert.deepEqual(
      broken.problems.map(p => p.code),
      ['sample/not-object'],
    );
    const at = broken.problems[0].range.start;
    assert.equal(broken.sample.text?.slice(at, at + 1), '5', 'the problem is located in the sample file');
  });

  it('stops at a tag the sample item has no value for, located at the tag, unless missing tags are allowed', async () => {
    const withTag = MACRO.replace('"((Title))"', '"((Title)) in ((Feature))"');
    const loaded = await loadOk(withTag);
    const resolver = new FakeResolver({ 'env:TEAM': 't', 'secret:TOKEN': 'x' });
    const ready = await prepareRequest(loaded.parsed, loaded.item, resolver);
    assert.ok(!ready.ok && ready.stage === 'render');
    assert.deepEqual(
      ready.problems.map(p => p.code),
      ['render/missing-tag'],
    );
    const r = ready.problems[0].range;
    assert.match(withTag.slice(r.start, r.end), /Feature/);
    assert.deepEqual(resolver.asked, [], 'secrets are not asked for when the render fails');

    const allowed = await prepareRequest(loaded.parsed, loaded.item, resolver, { allowMissing: true });
    assert.ok(allowed.ok);
    assert.deepEqual(JSON.parse(bodyText(allowed.request.body)), { title: 'zero in ' });
  });

  it('names every secret or environment value that is not set', async () => {
    const loaded = await loadOk(MACRO);
    const ready = await prepareRequest(loaded.parsed, loaded.item, new FakeResolver({}));
    assert.ok(!ready.ok && ready.stage === 'secrets');
    assert.deepEqual(
      ready.missing.map(m => `${m.kind}:${m.name}`),
      ['env:TEAM', 'secret:TOKEN'],
    );
    assert.match(ready.missing[1].hint, /\$\{secret:TOKEN\} is not set/);
  });

  it('with a URL override, needs and resolves no placeholder of the macro URL but still those of the headers', async () => {
    const loaded = await loadOk(MACRO);
    const resolver = new FakeResolver({ 'secret:TOKEN': 'tok-SECRET-2' });
    const ready = await prepareRequest(loaded.parsed, loaded.item, resolver, { url: 'http://127.0.0.1:4567/hook' });
    assert.ok(ready.ok, 'the unset ${env:TEAM} of the macro URL does not stop the send');
    assert.equal(ready.request.url, 'http://127.0.0.1:4567/hook');
    assert.deepEqual(resolver.asked, ['secret:TOKEN']);
    assert.deepEqual(ready.secretValues, ['tok-SECRET-2']);

    const noToken = await prepareRequest(loaded.parsed, loaded.item, new FakeResolver({}), {
      url: 'http://127.0.0.1:4567/hook',
    });
    assert.ok(!noToken.ok && noToken.stage === 'secrets');
    assert.deepEqual(
      noToken.missing.map(m => m.name),
      ['TOKEN'],
    );
  });
});
