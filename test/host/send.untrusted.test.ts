import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { localMacro, startTestServer, type TestServer } from './sendServer';
import { openFixture, workspacePath } from './util';

// Restricted mode: ccmacro edits and previews macros, but every way of sending is refused.
suite('send (untrusted workspace)', () => {
  let server: TestServer;

  suiteSetup(async () => {
    server = await startTestServer();
    await vscode.workspace.fs.writeFile(
      workspacePath('macros/untrusted-local.ccmacro.json'),
      new TextEncoder().encode(localMacro('Untrusted', `${server.url}/ok`)),
    );
  });
  suiteTeardown(async () => server?.close());

  test('the send commands refuse and nothing is sent', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    await openFixture('macros/untrusted-local.ccmacro.json');
    for (const command of [
      'ccmacro.sendTestWebhook',
      'ccmacro.sendToReceiver',
      'ccmacro.sendTestWebhookForEachSampleItem',
      'ccmacro.startReceiver',
    ]) {
      const out = await vscode.commands.executeCommand<{ outcome: string; reason: string; message: string }>(command);
      assert.strictEqual(out?.outcome, 'refused', `${command}: ${JSON.stringify(out)}`);
      assert.strictEqual(out.reason, 'untrusted');
      assert.match(out.message, /untrusted workspace/);
    }
    assert.strictEqual(server.requests.length, 0);
    assert.deepStrictEqual(await vscode.commands.executeCommand('ccmacro.test.webhookLogEntries'), []);
  });
});
