import * as assert from 'node:assert/strict';
import type { CentercodeFormUi } from '../../../src/core/centercode/askForm';
import { askCurlCommand } from '../../../src/core/import/askCurl';

function scripted(clipboard: () => Promise<string>, picks: string[], inputs: string[]) {
  const asked: string[] = [];
  const details: string[] = [];
  const validations: Array<(v: string) => string | undefined> = [];
  const ui: CentercodeFormUi = {
    readClipboard: clipboard,
    pick: async (items, o) => {
      asked.push(`pick ${o.title}: ${items.map(i => i.id).join('|')}`);
      details.push(...items.map(i => i.detail ?? ''));
      return picks.shift();
    },
    input: async o => {
      asked.push(`input ${o.title}`);
      if (o.validate) validations.push(o.validate);
      return inputs.shift();
    },
  };
  return { ui, asked, details, validations };
}

describe('New Macro from cURL: the questions', () => {
  it('offers the clipboard when it holds a cURL command, showing it with credentials masked', async () => {
    const clip = `curl -H 'Authorization: Bearer xoxb-1234-56789abcdefghijklmnop' https://slack.com/api/x`;
    const { ui, asked, details } = scripted(async () => clip, ['clip'], ['']);
    assert.deepEqual(await askCurlCommand(ui), { command: clip, name: 'Webhook to slack.com' });
    assert.deepEqual(asked, [
      'pick New macro from cURL (1/2): command: clip|type',
      'input New macro from cURL (2/2): name',
    ]);
    assert.ok(!details.join(' ').includes('xoxb'), details.join(' '));
  });

  it('asks for the command when the clipboard holds something else or cannot be read; says where it does not parse', async () => {
    const { ui, asked, validations } = scripted(
      () => Promise.reject(new Error('denied')),
      [],
      [`curl -d '{"a": 1}' https://x.test`, 'Mine'],
    );
    assert.deepEqual(await askCurlCommand(ui), { command: `curl -d '{"a": 1}' https://x.test`, name: 'Mine' });
    assert.deepEqual(asked, ['input New macro from cURL (1/2): command', 'input New macro from cURL (2/2): name']);
    assert.equal(
      validations[0](`curl -d '{"a": 1} https://x.test`),
      `column 9: Unclosed ' quote ('{"a": 1} https://x.test): it opens here and never closes`,
    );
    assert.equal(validations[0]('curl https://x.test'), undefined);
    const other = scripted(async () => 'not a command', [], [undefined as unknown as string]);
    assert.equal(await askCurlCommand(other.ui), undefined);
    assert.deepEqual(other.asked, ['input New macro from cURL (1/2): command']);
  });
});
