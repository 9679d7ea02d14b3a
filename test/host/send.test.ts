import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { localMacro, startEchoServer, startTestServer, type TestServer } from './sendServer';
import { closeAllEditors, openFixture, screenshot, waitFor, workspacePath } from './util';

const SECRET = 'tok-SECRET-9f8e7d6c5b';
const ENV_VALUE = 'env-SECRET-1a2b3c4d';
const SLACK_PATH = 'T0000/B0000/slackSECRETpath';

interface SendOutcome {
  outcome: string;
  reason?: string;
  status?: number;
  summary?: string;
  explanation?: string;
  entryId?: string;
  url?: string;
}
interface Entry {
  id: string;
  macroName: string;
  requestLine: string;
  status?: number;
  logText: string;
  target: string;
}

/** Runs `body` with a workspace setting changed, then puts the setting back as it was. */
async function withSetting(key: string, value: unknown, body: () => Promise<void>): Promise<void> {
  const config = vscode.workspace.getConfiguration('ccmacro');
  const previous = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  try {
    await body();
  } finally {
    await vscode.workspace.getConfiguration('ccmacro').update(key, previous, vscode.ConfigurationTarget.Workspace);
  }
}

async function writeMacro(rel: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(workspacePath(rel), new TextEncoder().encode(text));
}

function assertNoSecrets(text: string, where: string): void {
  for (const s of [SECRET, ENV_VALUE, SLACK_PATH])
    assert.ok(!text.includes(s), `${where} must not contain the secret ${s}:\n${text}`);
}

suite('send test webhooks', () => {
  let server: TestServer;

  suiteSetup(async () => {
    server = await startTestServer();
    process.env.CCMACRO_HOST_TEST_ENV = ENV_VALUE;
    assert.strictEqual(await vscode.commands.executeCommand('ccmacro.setSecret', 'LOCAL_TOKEN', SECRET), true);
    assert.strictEqual(await vscode.commands.executeCommand('ccmacro.setSecret', 'SLACK_WEBHOOK', SLACK_PATH), true);
    await writeMacro('macros/local-ok.ccmacro.json', localMacro('Local OK', `${server.url}/ok`));
    await writeMacro('macros/local-gone.ccmacro.json', localMacro('Local gone', `${server.url}/gone`));
    await writeMacro(
      'macros/local-missing-tag.ccmacro.json',
      localMacro('Missing tag', `${server.url}/ok`, {
        request: { method: 'POST', url: `${server.url}/ok`, body: { text: '((No Such Tag))' } },
      }),
    );
    await writeMacro(
      'samples/three.sample.json',
      JSON.stringify([{ Title: 'one' }, { Title: 'two' }, { Title: 'three' }]),
    );
    await writeMacro(
      'macros/local-bulk.ccmacro.json',
      localMacro('Local bulk', `${server.url}/busy-once`, { samples: ['../samples/three.sample.json'] }),
    );
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('ccmacro.stopReceiver');
    await server?.close();
    await closeAllEditors();
  });

  test('sends the open macro with its secrets, logs the masked exchange and adds it to the Webhook Log', async () => {
    await openFixture('macros/local-ok.ccmacro.json');
    const before = server.requests.length;
    const out = await vscode.commands.executeCommand<SendOutcome>('ccmacro.sendTestWebhook');
    assert.strictEqual(out.outcome, 'sent', JSON.stringify(out));
    assert.strictEqual(out.status, 200);

    // What went on the wire has the real values.
    assert.strictEqual(server.requests.length, before + 1);
    const got = server.requests[before];
    assert.strictEqual(got.headers.authorization, `Bearer ${SECRET}`);
    assert.strictEqual(got.headers['x-build'], ENV_VALUE);
    assert.strictEqual(got.url, `/ok?token=${SECRET}`);
    assert.deepStrictEqual(JSON.parse(got.body), { text: 'New issue: App crashes when saving a draft' });

    // The log entry written to the ccmacro channel: complete, and masked.
    const log = await vscode.commands.executeCommand<string>('ccmacro.test.lastSendLog');
    assert.match(log, /Local OK/);
    assert.match(log, /POST http:\/\/127\.0\.0\.1:\d+\/ok\?token=/);
    assert.match(log, / 200 OK/);
    assert.match(log, /External ID = EXT-42 \(from id\)/);
    assertNoSecrets(log, 'the log');

    // The history gets the entry; opening it shows the same masked text read-only.
    const entries = await vscode.commands.executeCommand<Entry[]>('ccmacro.test.webhookLogEntries');
    assert.strictEqual(entries[0].id, out.entryId);
    assert.strictEqual(entries[0].macroName, 'Local OK');
    assert.strictEqual(entries[0].status, 200);
    assertNoSecrets(JSON.stringify(entries), 'the history');
    const uri = await vscode.commands.executeCommand<string>('ccmacro.webhookLog.open', entries[0].id);
    const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri);
    assert.ok(doc, 'the exchange opened as a document');
    assert.strictEqual(doc.uri.scheme, 'ccmacro-log');
    assert.strictEqual(doc.getText(), entries[0].logText);

    const status = await vscode.commands.executeCommand<string>('ccmacro.test.sendStatusText');
    assert.match(status, /^\$\(check\) 200 OK · \d+ ms$/);
  });

  test('the "Send test webhook" CodeLens sends the macro it sits on, even from another editor', async () => {
    const { doc } = await openFixture('macros/local-ok.ccmacro.json');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const lens = lenses.find(l => l.command?.command === 'ccmacro.sendTestWebhook');
    assert.ok(lens?.command, `a Send test webhook lens among ${JSON.stringify(lenses.map(l => l.command?.title))}`);
    await openFixture('macros/local-gone.ccmacro.json');
    const before = server.requests.length;
    const out = await vscode.commands.executeCommand<SendOutcome>(
      lens.command.command,
      ...(lens.command.arguments ?? []),
    );
    assert.strictEqual(out.outcome, 'sent');
    assert.strictEqual(out.status, 200);
    assert.strictEqual(server.requests[before].url.split('?')[0], '/ok');
  });

  test('ccmacro.send.followRedirects: every hop is logged (issue 15 G1); another origin gets no placeholder or credential header; control characters in the answer show visibly', async () => {
    // The other origin answers with terminal escapes (clipboard write, hyperlink, clear screen, a forged line).
    const other = await startEchoServer((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/plain', 'x-evil': 'v\x9b1m' })
        .end('x\x1b]52;c;ZXZpbA==\x07 \x1b]8;;http://evil\x07link\x1b]8;;\x07 \x1b[2J\r\x1b[Kforged'),
    );
    const first = await startEchoServer((_req, res) => res.writeHead(307, { location: `${other.url}/landed` }).end());
    try {
      await writeMacro(
        'macros/redirected.ccmacro.json',
        JSON.stringify({
          name: 'Redirected',
          request: {
            method: 'POST',
            url: `${first.url}/start`,
            headers: {
              'X-Api-Key': '${secret:LOCAL_TOKEN}',
              'X-Build': '${env:CCMACRO_HOST_TEST_ENV}',
              'X-Plain': 'kept',
            },
            body: { text: '((Title))' },
          },
          samples: ['../samples/issue.sample.json'],
        }),
      );
      await openFixture('macros/redirected.ccmacro.json');
      await withSetting('send.followRedirects', true, async () => {
        const out = await vscode.commands.executeCommand<SendOutcome>('ccmacro.sendTestWebhook');
        assert.strictEqual(out.outcome, 'sent', JSON.stringify(out));
        assert.strictEqual(out.status, 200);
      });
      assert.strictEqual(first.requests[0].headers['x-api-key'], SECRET);
      assert.strictEqual(other.requests.length, 1);
      const h = other.requests[0].headers;
      assert.strictEqual(h['x-api-key'], undefined, 'the secret went to another origin');
      assert.strictEqual(h['x-build'], undefined, 'the env value went to another origin');
      assert.strictEqual(h['x-plain'], 'kept');

      const log = await vscode.commands.executeCommand<string>('ccmacro.test.lastSendLog');
      const entries = await vscode.commands.executeCommand<Entry[]>('ccmacro.test.webhookLogEntries');
      assert.strictEqual(
        entries[0].requestLine,
        `POST ${first.url}/start`,
        'the Webhook Log lists what the macro sent',
      );
      const uri = await vscode.commands.executeCommand<string>('ccmacro.webhookLog.open', entries[0].id);
      const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri);
      assert.ok(doc, 'the exchange opened as a document');
      for (const [where, text] of [
        ['the output channel log', log],
        ['the Webhook Log document', doc.getText()],
      ] as const) {
        const raw = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/.exec(text);
        assert.strictEqual(raw, null, `${where} holds a raw control character: ${JSON.stringify(text)}`);
        assert.ok(text.includes('x\\x1b]52;c;ZXZpbA==\\x07'), `${where}: ${text}`);
        assert.ok(text.includes('\\x1b[2J\\r\\x1b[Kforged'), `${where}: ${text}`);
        assert.ok(text.includes('x-evil: v\\x9b1m'), `${where}: ${text}`);
        assertNoSecrets(text, where);
        // Issue 15 G1: every hop, in order: the POST the macro sent with its masked headers and body, the 307 and its
        // Location, then the request to where it led (no placeholder header: another origin).
        const hops = [
          `POST ${first.url}/start\nX-Api-Key: ••••\nX-Build: ••••\nX-Plain: kept\n`,
          '"text": "App crashes when saving a draft"',
          `↪ 307 redirect to ${other.url}/landed (followed)\n\nPOST ${other.url}/landed\nX-Plain: kept\n`,
          '(the same body as above, ',
          'HTTP/1.1 200 OK',
        ];
        let at = 0;
        for (const hop of hops) {
          const found = text.indexOf(hop, at);
          assert.ok(found >= at, `${where} shows ${JSON.stringify(hop)} after what came before: ${text}`);
          at = found + hop.length;
        }
      }
    } finally {
      await first.close();
      await other.close();
    }
  });

  test('a failing status is logged with an explanation and shown as an error', async () => {
    await openFixture('macros/local-gone.ccmacro.json');
    const out = await vscode.commands.executeCommand<SendOutcome>('ccmacro.sendTestWebhook');
    assert.strictEqual(out.outcome, 'sent');
    assert.strictEqual(out.status, 410);
    assert.ok(out.explanation, 'a 410 is explained');
    const status = await vscode.commands.executeCommand<string>('ccmacro.test.sendStatusText');
    assert.match(status, /^\$\(error\) 410 Gone/);
    const log = await vscode.commands.executeCommand<string>('ccmacro.test.lastSendLog');
    assert.ok(log.includes(out.explanation!), 'the log holds the explanation');
  });

  test('a render error stops the send before anything goes out', async () => {
    await openFixture('macros/local-missing-tag.ccmacro.json');
    const before = server.requests.length;
    const out = await vscode.commands.executeCommand<SendOutcome & { message: string }>('ccmacro.sendTestWebhook');
    assert.strictEqual(out.outcome, 'refused');
    assert.strictEqual(out.reason, 'not-ready');
    assert.match(out.message, /No Such Tag/);
    assert.match(
      out.message,
      /macros\/local-missing-tag\.ccmacro\.json:\d+:\d+: error: .*\[render\/missing-tag\]/,
      'located as the CLI prints it',
    );
    assert.strictEqual(server.requests.length, before);
  });

  test('sends a Slack macro to the local test receiver under /slack/<name>, masked', async () => {
    await openFixture('macros/escalate-to-slack.ccmacro.json');
    const out = await vscode.commands.executeCommand<SendOutcome>('ccmacro.sendToReceiver');
    assert.strictEqual(out.outcome, 'sent', JSON.stringify(out));
    assert.strictEqual(out.status, 200);
    assert.match(out.url!, /^http:\/\/127\.0\.0\.1:\d+\/slack\/escalate-issue-to-slack$/);
    const entries = await vscode.commands.executeCommand<Entry[]>('ccmacro.test.webhookLogEntries');
    assert.strictEqual(entries[0].target, 'receiver');
    assertNoSecrets(JSON.stringify(entries), 'the history');

    // A secret nobody stored is sent to the receiver as a stand-in, without a prompt.
    await writeMacro(
      'macros/receiver-unknown-secret.ccmacro.json',
      JSON.stringify({
        name: 'Unknown secret',
        request: {
          method: 'POST',
          url: 'https://api.example.com/hook',
          headers: { 'X-Key': '${secret:NEVER_STORED}' },
          body: { a: 1 },
        },
      }),
    );
    await openFixture('macros/receiver-unknown-secret.ccmacro.json');
    const stand = await vscode.commands.executeCommand<SendOutcome>('ccmacro.sendToReceiver');
    assert.strictEqual(stand.outcome, 'sent', JSON.stringify(stand));
    assert.match(stand.url!, /^http:\/\/127\.0\.0\.1:\d+\/hook$/);
    const names = await vscode.commands.executeCommand<string[]>('ccmacro.listSecretNames');
    assert.ok(!names.includes('NEVER_STORED'), 'a stand-in is never stored');
    assert.strictEqual(await vscode.commands.executeCommand('ccmacro.stopReceiver'), true);
  });

  test('bulk send goes once per sample item and retries a 429 after Retry-After', async () => {
    await withSetting('bulk.ratePerSecond', 20, () => bulkSend());
  });

  async function bulkSend(): Promise<void> {
    await openFixture('macros/local-bulk.ccmacro.json');
    const before = server.requests.length;
    const out = await vscode.commands.executeCommand<{
      outcome: string;
      rows: Array<{ status?: number; attempts: number }>;
      summary: string;
    }>('ccmacro.sendTestWebhookForEachSampleItem');
    assert.strictEqual(out.outcome, 'bulk', JSON.stringify(out));
    assert.deepStrictEqual(
      out.rows.map(r => r.status),
      [200, 200, 200],
    );
    assert.strictEqual(out.rows[0].attempts, 2);
    assert.strictEqual(server.requests.length - before, 4);
    assert.match(out.summary, /3 of 3 succeeded/);
    assertNoSecrets(out.summary, 'the bulk summary');
    const entries = await vscode.commands.executeCommand<Entry[]>('ccmacro.test.webhookLogEntries');
    assert.strictEqual(entries.filter(e => e.macroName === 'Local bulk').length, 3);
    // For people reviewing a run: the Webhook Log view and the summary document (test-artifacts/).
    await vscode.commands.executeCommand('ccmacro.history.focus');
    await waitFor(
      async () =>
        (await vscode.commands.executeCommand<number>('ccmacro.test.webhookLogViewServed')) === entries.length,
      { message: 'the Webhook Log view to list every entry' },
    );
    await screenshot('send-webhook-log-view');
  }

  test('"Send Test Webhook with Sample…" sends the item asked for, and the macro keeps it as its pick', async () => {
    const { doc } = await openFixture('macros/local-bulk.ccmacro.json');
    const before = server.requests.length;
    const key = `${workspacePath('samples/three.sample.json').fsPath}#2`;
    const out = await vscode.commands.executeCommand<SendOutcome>('ccmacro.sendTestWebhookWithSample', doc.uri, key);
    assert.strictEqual(out.outcome, 'sent', JSON.stringify(out));
    assert.deepStrictEqual(JSON.parse(server.requests[before].body), { text: 'New issue: three' });
    const log = await vscode.commands.executeCommand<string>('ccmacro.test.lastSendLog');
    assert.match(log, /Sample: three\.sample\.json \[2\]/, 'the log names the item');
    // The pick stays with the macro: a plain send now uses the same item.
    await vscode.commands.executeCommand<SendOutcome>('ccmacro.sendTestWebhook', doc.uri);
    assert.deepStrictEqual(JSON.parse(server.requests[before + 1].body), { text: 'New issue: three' });
  });

  test('a Webhook Log entry can be sent again, and the log cleared', async () => {
    await openFixture('macros/local-ok.ccmacro.json');
    const first = await vscode.commands.executeCommand<SendOutcome>('ccmacro.sendTestWebhook');
    assert.strictEqual(first.outcome, 'sent', JSON.stringify(first));
    const before = server.requests.length;
    await closeAllEditors(); // "Send Again" works from the Webhook Log, with no editor open
    const again = await vscode.commands.executeCommand<SendOutcome>('ccmacro.webhookLog.resend', first.entryId);
    assert.strictEqual(again.outcome, 'sent', JSON.stringify(again));
    assert.notStrictEqual(again.entryId, first.entryId);
    assert.strictEqual(server.requests.length, before + 1, 'the same macro went out once more');
    assert.strictEqual(server.requests[before].headers.authorization, `Bearer ${SECRET}`);
    const entries = await vscode.commands.executeCommand<Entry[]>('ccmacro.test.webhookLogEntries');
    assert.deepStrictEqual(
      entries.slice(0, 2).map(e => e.id),
      [again.entryId, first.entryId],
    );
    await vscode.commands.executeCommand('ccmacro.webhookLog.clear');
    assert.deepStrictEqual(await vscode.commands.executeCommand('ccmacro.test.webhookLogEntries'), []);
  });

  test('declining the question about a new host sends nothing; after "Send" the host is remembered', async () => {
    // A host this workspace never sent to (.invalid never resolves: a send attempt would log a DNS failure).
    await writeMacro('macros/new-host.ccmacro.json', localMacro('New host', 'http://ccmacro-new-host.invalid/ok'));
    await openFixture('macros/new-host.ccmacro.json');
    const entriesBefore = (await vscode.commands.executeCommand<Entry[]>('ccmacro.test.webhookLogEntries')).length;
    try {
      await vscode.commands.executeCommand('ccmacro.test.answerNewHosts', 'decline');
      const declined = await vscode.commands.executeCommand<SendOutcome>('ccmacro.sendTestWebhook');
      assert.strictEqual(declined.outcome, 'refused');
      assert.strictEqual(declined.reason, 'not-confirmed');
      const after = await vscode.commands.executeCommand<Entry[]>('ccmacro.test.webhookLogEntries');
      assert.strictEqual(after.length, entriesBefore, 'no exchange was attempted');

      await vscode.commands.executeCommand('ccmacro.test.answerNewHosts', 'send');
      const sent = await vscode.commands.executeCommand<SendOutcome>('ccmacro.sendTestWebhook');
      assert.strictEqual(sent.outcome, 'sent', 'the user said Send: the request was attempted');
      await vscode.commands.executeCommand('ccmacro.test.answerNewHosts', 'decline');
      const remembered = await vscode.commands.executeCommand<SendOutcome>('ccmacro.sendTestWebhook');
      assert.strictEqual(remembered.outcome, 'sent', 'a confirmed host is not asked about again');
    } finally {
      await vscode.commands.executeCommand('ccmacro.test.answerNewHosts', undefined);
    }
  });

  test('a CA file that cannot be used stops the send with a sentence naming the setting', async () => {
    await openFixture('macros/local-ok.ccmacro.json');
    const before = server.requests.length;
    await withSetting('send.caFile', 'certs/missing-ca.pem', async () => {
      const out = await vscode.commands.executeCommand<SendOutcome & { message: string }>('ccmacro.sendTestWebhook');
      assert.strictEqual(out.outcome, 'refused');
      assert.strictEqual(out.reason, 'settings');
      assert.match(out.message, /ccmacro\.send\.caFile cannot be used: .*missing-ca\.pem does not exist/);
    });
    assert.strictEqual(server.requests.length, before);
  });

  test('"Move to secret storage" stores the literal and replaces it with ${secret:NAME}, undoably', async () => {
    const literal = 'https://hooks.slack.com/services/T1111/B2222/literalSECRET';
    await writeMacro(
      'macros/literal.ccmacro.json',
      JSON.stringify({ name: 'Literal', request: { method: 'POST', url: literal, body: { text: 'hi' } } }, null, 2),
    );
    const { doc, editor } = await openFixture('macros/literal.ccmacro.json');
    const start = doc.getText().indexOf(literal);
    const range = new vscode.Range(doc.positionAt(start), doc.positionAt(start + literal.length));
    // The check warns, and the quick fix is offered with the check's suggested name.
    const diag = await waitFor(() => vscode.languages.getDiagnostics(doc.uri).find(d => d.code === 'secret/literal'), {
      message: 'a secret/literal warning',
    });
    assert.ok(diag.range.isEqual(range), 'the warning covers exactly the literal');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diag.range,
    );
    const fix = actions.find(a => a.title === 'Move to secret storage');
    assert.ok(fix?.command, `the quick fix among ${JSON.stringify(actions.map(a => a.title))}`);
    assert.strictEqual(fix.command.arguments?.[3], 'SLACK_WEBHOOK_URL');
    // Run it as the light bulb would, plus the name the input box would have returned.
    assert.strictEqual(
      await vscode.commands.executeCommand(fix.command.command, ...fix.command.arguments!, 'MOVED_URL'),
      true,
    );
    assert.ok(doc.getText().includes('"url": "${secret:MOVED_URL}"'), doc.getText());
    const names = await vscode.commands.executeCommand<string[]>('ccmacro.listSecretNames');
    assert.ok(names.includes('MOVED_URL'));
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText().includes(literal), { message: 'undo to bring the literal back' });
    assert.strictEqual(await vscode.commands.executeCommand('ccmacro.deleteSecret', 'MOVED_URL'), true);
  });
});
