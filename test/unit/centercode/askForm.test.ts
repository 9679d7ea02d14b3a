import * as assert from 'node:assert/strict';
import { askCentercodeForm, type CentercodeFormUi } from '../../../src/core/centercode/askForm';

/** A UI that answers from lists and records what was asked. */
function scripted(clipboard: () => Promise<string>, picks: string[], inputs: string[]) {
  const asked: string[] = [];
  const ui: CentercodeFormUi = {
    readClipboard: clipboard,
    pick: async (items, o) => {
      asked.push(`pick ${o.title}: ${items.map(i => i.id).join('|')}`);
      return picks.shift();
    },
    input: async o => {
      asked.push(`input ${o.title}`);
      return inputs.shift();
    },
  };
  return { ui, asked };
}

/** Issue 8, D4: "New Macro from Centercode Body…" when the clipboard cannot be read. */
describe('D4: asking for the Centercode form', () => {
  it('falls back to an input box for the body when the clipboard cannot be read (browser-hosted VS Code)', async () => {
    const { ui, asked } = scripted(
      () => Promise.reject(new Error('NotAllowedError: clipboard read denied')),
      ['POST'],
      ['{"text": "((Title))"}', 'https://example.test/hook', 'Content-Type: application/json; X-Team: QA'],
    );
    const form = await askCentercodeForm(ui);
    assert.deepEqual(form, {
      body: '{"text": "((Title))"}',
      url: 'https://example.test/hook',
      method: 'POST',
      headers: 'Content-Type: application/json\nX-Team: QA',
    });
    assert.deepEqual(asked, [
      'input New macro from Centercode (1/4): body',
      'input New macro from Centercode (2/4): URL',
      'pick New macro from Centercode (3/4): method: POST|PUT|PATCH|GET|DELETE',
      'input New macro from Centercode (4/4): headers',
    ]);
  });

  it('offers the clipboard first when it can be read, and stops when a question is cancelled', async () => {
    const withClip = scripted(async () => ' {"a": 1} ', ['clip', 'PUT'], ['https://x.test', '']);
    assert.equal((await askCentercodeForm(withClip.ui))?.body, '{"a": 1}');
    assert.match(withClip.asked[0], /^pick New macro from Centercode \(1\/4\): body: clip\|type\|none$/);
    const cancelled = scripted(() => Promise.reject(new Error('denied')), [], [undefined as unknown as string]);
    assert.equal(await askCentercodeForm(cancelled.ui), undefined);
  });
});
