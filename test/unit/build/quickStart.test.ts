import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseMacro } from '../../../src/core/macro/parse';
import { startReceiver, type Receiver } from '../../../src/core/receiver/receiver';
import { BUILTIN_SAMPLES } from '../../../src/core/samples/builtin';
import { sampleItemLabel } from '../../../src/core/samples/describe';
import { checkTargetPayload } from '../../../src/core/targets/check';
import { renderMacro } from '../../../src/core/targets/render';
import { REPO_ROOT } from '../../root';

// README's quick start, steps 3 and 4, as a user follows them on examples/slack-escalate-blocker.ccmacro.json:
// the sample item it names gets 200 from the local receiver, and Hostile values gets the 400 it promises.
describe("the README's quick start ends in what it promises", () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const quickStart = readme.slice(
    readme.indexOf('## Quick start'),
    readme.indexOf('\n## ', readme.indexOf('## Quick start') + 5),
  );
  const macroRel = 'examples/slack-escalate-blocker.ccmacro.json';
  const parsed = parseMacro(fs.readFileSync(path.join(REPO_ROOT, macroRel), 'utf8'));
  const items = JSON.parse(
    fs.readFileSync(path.join(REPO_ROOT, 'examples/samples/slack-escalate-blocker.sample.json'), 'utf8'),
  ) as Array<Record<string, string | number>>;
  let receiver: Receiver;
  before(async () => {
    receiver = await startReceiver();
  });
  after(async () => receiver.close());

  const send = async (sample: Parameters<typeof renderMacro>[1]['sample']) => {
    const r = renderMacro(parsed, { sample });
    const res = await fetch(`${receiver.url}/slack/quick-start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: r.request!.bodyText,
    });
    const problems = [...r.problems, ...(await checkTargetPayload(parsed, r))];
    return { problems, status: res.status, body: await res.text() };
  };

  it('the sample item step 3 names is in the example, and sending it gets the 200 step 4 promises', async () => {
    assert.ok(quickStart.includes(macroRel));
    const named = /\*\*(\[\d+\] [^*]+?)…?\*\*/.exec(quickStart);
    assert.ok(named, 'step 3 names a sample item as the preview lists it ("[N] Title…")');
    const index = Number(/^\[(\d+)\]/.exec(named[1])![1]);
    const item = items[index];
    assert.ok(item, `the example's sample has an item ${index}`);
    assert.ok(sampleItemLabel(item, index).startsWith(named[1].replace(/…$/, '')), sampleItemLabel(item, index));
    assert.match(quickStart, /`200 OK · \d+ ms`/);
    const r = await send(item);
    assert.deepEqual(
      r.problems.filter(p => p.severity === 'error'),
      [],
    );
    assert.deepEqual([r.status, r.body], [200, 'ok']);
  });

  it('Hostile values gets the 400 invalid_blocks the quick start shows, for the reason it gives', async () => {
    const hostile = BUILTIN_SAMPLES.find(s => s.label === 'Hostile values');
    assert.ok(hostile && quickStart.includes(`**${hostile.label}**`));
    assert.ok(String(hostile.items[0].Description).length >= 100 * 1024 && quickStart.includes('100 KB description'));
    const r = await send(hostile.items[0]);
    assert.ok(
      r.problems.some(p => p.code === 'render/slack-section-too-long' && /at most 3,000/.test(p.message)),
      'the preview lists the section over 3,000 characters',
    );
    assert.ok(quickStart.includes("over Slack's 3,000 characters"));
    assert.deepEqual([r.status, r.body], [400, 'invalid_blocks']);
    assert.ok(quickStart.includes('`400 invalid_blocks`'));
  });
});
