import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { DomReport } from '../../src/core/preview/messages';
import { startEchoServer, type TestServer } from './sendServer';
import { closeAllEditors, openFixture, waitFor, workspacePath } from './util';

interface SendOutcome {
  outcome: string;
  reason?: string;
  status?: number;
  entryId?: string;
}
interface Entry {
  id: string;
  environment?: string;
  logText: string;
}

async function write(rel: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(workspacePath(rel), new TextEncoder().encode(text));
}

const status = () => vscode.commands.executeCommand<string | undefined>('ccmacro.test.environmentStatusText');
/** Waits until the status bar item reads `text`. */
async function statusIs(text: string): Promise<void> {
  let last: string | undefined;
  await waitFor(
    async () => {
      last = await status();
      return last === text;
    },
    { message: () => `status bar: ${last}` },
  );
}
const dom = async () =>
  (await vscode.commands.executeCommand<{ dom?: DomReport } | undefined>('ccmacro.test.previewState'))?.dom;
/** Answers the $confirm question from now on; returns the questions asked since the last call. */
const answerConfirm = (answer: 'send' | 'decline' | undefined) =>
  vscode.commands.executeCommand<Array<{ environment: string; host: string }>>(
    'ccmacro.test.answerEnvironmentConfirm',
    answer,
  );

suite('environments', () => {
  let server: TestServer;
  let port: string;

  suiteSetup(async () => {
    server = await startEchoServer((_req, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{}'));
    port = new URL(server.url).port;
    await write(
      'env/.ccmacro/environments.json',
      `// host test\n{\n  "$shared": { "PROJECT": "CV" },\n  "staging": { "BASE": "${server.url}/staging" },\n  "production": { "BASE": "${server.url}/production", "$confirm": true }\n}\n`,
    );
    await write(
      'env/jira.ccmacro.json',
      JSON.stringify(
        {
          name: 'Env macro',
          target: 'generic',
          request: {
            method: 'POST',
            url: '${var:BASE}/issue',
            body: { project: '${var:PROJECT}', title: '((Title))' },
          },
        },
        null,
        2,
      ),
    );
    await vscode.commands.executeCommand('ccmacro.test.forgetEnvironmentConfirmations');
  });

  suiteTeardown(async () => {
    await answerConfirm(undefined);
    await vscode.commands.executeCommand('ccmacro.selectEnvironment', 'staging');
    await server?.close();
    await closeAllEditors();
  });

  test('the status bar shows the active environment (not a $confirm one by default) and switches with Select Environment', async () => {
    await openFixture('env/jira.ccmacro.json');
    await statusIs('$(server-environment) staging');
    assert.strictEqual(
      await vscode.commands.executeCommand('ccmacro.test.environmentStatusCommand'),
      'ccmacro.selectEnvironment',
      'clicking the item switches',
    );
    assert.strictEqual(await vscode.commands.executeCommand('ccmacro.selectEnvironment', 'production'), 'production');
    await statusIs('$(server-environment) production');
    // An unknown name changes nothing.
    assert.strictEqual(await vscode.commands.executeCommand('ccmacro.selectEnvironment', 'nope'), undefined);
    assert.strictEqual(await status(), '$(server-environment) production');
  });

  test('Select Environment without a name asks in a quick pick of the environments', async () => {
    await openFixture('env/jira.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.selectEnvironment', 'production');
    const picked = vscode.commands.executeCommand<string | undefined>('ccmacro.selectEnvironment');
    // The list is staging, production: the first item is staging.
    await new Promise(r => setTimeout(r, 500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.strictEqual(await picked, 'staging');
    await statusIs('$(server-environment) staging');
  });

  test('the preview says which environment it renders with, and shows its values', async function () {
    this.timeout(60000);
    await openFixture('env/jira.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.selectEnvironment', 'staging');
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide');
    let last: DomReport | undefined;
    await waitFor(
      async () => {
        last = await dom();
        return (
          last?.environmentText === `Environment: staging · sends to 127.0.0.1:${port}` &&
          last.urlText === `${server.url}/staging/issue`
        );
      },
      { timeout: 25000, message: () => `preview: ${JSON.stringify(last)?.slice(0, 500)}` },
    );
    assert.match(last!.bodyText, /"project": "CV"/);
    await vscode.commands.executeCommand('ccmacro.selectEnvironment', 'production');
    await waitFor(
      async () => {
        last = await dom();
        return (
          last?.environmentText === `Environment: production (asks before sending) · sends to 127.0.0.1:${port}` &&
          last.urlText === `${server.url}/production/issue`
        );
      },
      { timeout: 25000, message: () => `preview: ${JSON.stringify(last)?.slice(0, 500)}` },
    );
  });

  test('the first send to a $confirm environment asks, naming it and the host; declining sends nothing; the log records the environment', async () => {
    await openFixture('env/jira.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.test.forgetEnvironmentConfirmations');
    await vscode.commands.executeCommand('ccmacro.selectEnvironment', 'production');
    await answerConfirm('decline');
    const before = server.requests.length;
    const declined = await vscode.commands.executeCommand<SendOutcome>('ccmacro.sendTestWebhook');
    assert.strictEqual(declined.outcome, 'refused', JSON.stringify(declined));
    assert.strictEqual(declined.reason, 'not-confirmed');
    assert.strictEqual(server.requests.length, before, 'nothing was sent');
    assert.deepStrictEqual(await answerConfirm('send'), [{ environment: 'production', host: `127.0.0.1:${port}` }]);

    const sent = await vscode.commands.executeCommand<SendOutcome>('ccmacro.sendTestWebhook');
    assert.strictEqual(sent.outcome, 'sent', JSON.stringify(sent));
    assert.strictEqual(server.requests.length, before + 1);
    assert.strictEqual(server.requests[before].url, '/production/issue');
    assert.strictEqual(JSON.parse(server.requests[before].body).project, 'CV');
    assert.strictEqual((await answerConfirm('send')).length, 1, 'asked once for this send');
    // Once confirmed, not again in this session.
    const again = await vscode.commands.executeCommand<SendOutcome>('ccmacro.sendTestWebhook');
    assert.strictEqual(again.outcome, 'sent');
    assert.deepStrictEqual(await answerConfirm('send'), []);

    const entries = await vscode.commands.executeCommand<Entry[]>('ccmacro.test.webhookLogEntries');
    const entry = entries.find(e => e.id === sent.entryId)!;
    assert.strictEqual(entry.environment, 'production');
    assert.match(entry.logText, /^Environment: production$/m);

    // Staging never asks.
    await vscode.commands.executeCommand('ccmacro.selectEnvironment', 'staging');
    const staging = await vscode.commands.executeCommand<SendOutcome>('ccmacro.sendTestWebhook');
    assert.strictEqual(staging.outcome, 'sent');
    assert.deepStrictEqual(await answerConfirm(undefined), []);
    assert.strictEqual(server.requests[server.requests.length - 1].url, '/staging/issue');
    const latest = (await vscode.commands.executeCommand<Entry[]>('ccmacro.test.webhookLogEntries'))[0];
    assert.strictEqual(latest.environment, 'staging');
  });
});
