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

  test('Restricted Mode: the send CodeLens says sending is off and why, and Ctrl+Alt+Enter runs the refusal', async () => {
    const { doc } = await openFixture('macros/untrusted-local.ccmacro.json');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      doc.uri,
      10,
    );
    const send = lenses.find(l => l.command?.command === 'ccmacro.sendTestWebhook');
    assert.ok(send, `lenses: ${lenses.map(l => l.command?.title).join(' | ')}`);
    assert.strictEqual(send.command!.title, '$(workspace-untrusted) Sending is off in Restricted Mode');
    assert.match(send.command!.tooltip ?? '', /untrusted folder.*trust this folder/);
    assert.ok(
      lenses.some(l => l.command?.title === 'Preview'),
      'the preview lens stays',
    );
    // Clicking it runs the send command, which refuses and says why (with Manage Workspace Trust).
    const out = await vscode.commands.executeCommand<{ outcome: string; reason: string }>(
      send.command!.command,
      ...(send.command!.arguments ?? []),
    );
    assert.deepStrictEqual([out?.outcome, out?.reason], ['refused', 'untrusted']);
    assert.strictEqual(server.requests.length, 0);
    // The key is bound in Restricted Mode too, so it reaches that refusal instead of doing nothing.
    const ext = vscode.extensions.all.find(e => e.packageJSON?.name === 'ccmacro');
    const key = (ext?.packageJSON.contributes.keybindings as Array<{ command: string; when: string }>).find(
      k => k.command === 'ccmacro.sendTestWebhook',
    );
    assert.ok(key && !key.when.includes('isWorkspaceTrusted'), key?.when);
  });
});
