import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { PreviewModel } from '../../src/core/preview/messages';
import { startTestServer, type TestServer } from './sendServer';
import { closeAllEditors, openFixture, waitFor, workspacePath } from './util';

interface PreviewState {
  model?: PreviewModel;
  documentUri: string;
  dom?: { bodyText: string };
}
interface SendOutcome {
  outcome: string;
  status?: number;
  message?: string;
}
interface Entry {
  macroName: string;
  logText: string;
}

const previewState = (action?: { selectSample?: string; locked?: boolean }) =>
  vscode.commands.executeCommand<PreviewState | undefined>('ccmacro.test.previewState', action);

async function write(rel: string, text: string | Uint8Array): Promise<vscode.Uri> {
  const uri = workspacePath(rel);
  await vscode.workspace.fs.writeFile(uri, typeof text === 'string' ? new TextEncoder().encode(text) : text);
  return uri;
}

/** The preview once it shows `uri` and its model satisfies `check`. */
function previewOf(uri: vscode.Uri, check: (m: PreviewModel) => boolean, what: string): Promise<PreviewModel> {
  let last: PreviewState | undefined;
  return waitFor(
    async () => {
      last = await previewState();
      return last?.documentUri === uri.toString() && last.model && check(last.model) ? last.model : undefined;
    },
    {
      timeout: 25000,
      interval: 200,
      message: () =>
        `${what}; last: ${last?.documentUri} ${last?.model?.selectedSample} ${JSON.stringify(last?.model?.request?.body)?.slice(0, 300)}`,
    },
  );
}

const bodyOf = (m: PreviewModel) => (m.request?.body?.segments ?? []).map(s => s.text).join('');

/** The request body the server got last, parsed. */
const lastBody = (server: TestServer) =>
  JSON.parse(server.requests[server.requests.length - 1].body) as { text: string };

/**
 * Issue 8, section D (and the editor's side of C3, D3, E2): the preview, Copy as cURL, a send and the Webhook Log use
 * the same sample item for a macro; commands find the macro from the Output panel; the editor reports what validate
 * reports. Sends go to a loopback server.
 */
suite('the editor, the preview, validate and send agree', () => {
  let server: TestServer;
  let own: vscode.Uri;
  let none: vscode.Uri;
  const builtinTitle = 'Login button does nothing on the Android app';

  suiteSetup(async function () {
    this.timeout(60000);
    server = await startTestServer();
    const macro = (name: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify(
        { name, ...extra, request: { method: 'POST', url: `${server.url}/ok`, body: { text: '((Title))' } } },
        null,
        2,
      );
    await write('agree/own.sample.json', JSON.stringify([{ Title: 'own zero' }, { Title: 'own one' }]));
    none = await write('agree/no-samples.ccmacro.json', macro('No samples'));
    own = await write('agree/own.ccmacro.json', macro('Own samples', { samples: ['own.sample.json'] }));
    await closeAllEditors();
  });

  suiteTeardown(async () => {
    await server?.close();
    await closeAllEditors();
  });

  test('D1: a default never carries over; preview, Copy as cURL, Send and the log use the same item', async function () {
    this.timeout(120000);
    await openFixture('agree/no-samples.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide');
    const first = await previewOf(none, m => m.selectedSample === 'builtin:feedback#0', 'the built-in default');
    assert.ok(bodyOf(first).includes(builtinTitle), bodyOf(first));

    // The preview follows to the other macro: it shows that macro's own default, not the built-in one.
    await openFixture('agree/own.ccmacro.json');
    const second = await previewOf(
      own,
      m => !!m.selectedSample?.endsWith('own.sample.json#0'),
      "the macro's own sample",
    );
    assert.ok(bodyOf(second).includes('own zero'), bodyOf(second));

    const sendAndCheck = async (title: string, item: string) => {
      const curl = await vscode.commands.executeCommand<string>('ccmacro.copyAsCurl');
      assert.ok(curl?.includes(title), `Copy as cURL uses ${title}: ${curl}`);
      const out = await vscode.commands.executeCommand<SendOutcome>('ccmacro.sendTestWebhook');
      assert.strictEqual(out.outcome, 'sent', JSON.stringify(out));
      assert.strictEqual(lastBody(server).text, title, 'the send uses the item the preview shows');
      const log = await vscode.commands.executeCommand<string>('ccmacro.test.lastSendLog');
      assert.ok(log.split('\n').includes(`Sample: ${item}`), `the log names the item:\n${log}`);
      const [entry] = await vscode.commands.executeCommand<Entry[]>('ccmacro.test.webhookLogEntries');
      assert.strictEqual(entry.logText, log, 'the Webhook Log entry is the same text');
    };
    await sendAndCheck('own zero', 'own.sample.json [0]');

    // Picking item 1 in the preview moves Copy as cURL, Send and the log to item 1.
    const one = second.samples.find(s => s.label.includes('own one'));
    assert.ok(one, JSON.stringify(second.samples));
    await previewState({ selectSample: one.key });
    await previewOf(own, m => m.selectedSample === one.key && bodyOf(m).includes('own one'), 'item 1');
    await sendAndCheck('own one', 'own.sample.json [1]');

    // Back on the macro without samples: its own default again, never the other macro's pick.
    await openFixture('agree/no-samples.ccmacro.json');
    await previewOf(none, m => m.selectedSample === 'builtin:feedback#0', 'the built-in default again');
    await sendAndCheck(builtinTitle, 'Typical feedback (built-in)');
  });

  test('D2: with the focus in the Output panel, the macro commands act on the macro that was last active', async function () {
    this.timeout(60000);
    await closeAllEditors();
    const { doc } = await openFixture('agree/own.ccmacro.json');
    // As after "Open Log" in a send-failure notification.
    await vscode.commands.executeCommand('workbench.action.output.toggleOutput');
    await vscode.commands.executeCommand('workbench.panel.output.focus');
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() !== doc.uri.toString(), {
      message: 'the macro editor to lose the focus to the Output panel',
    });
    const before = server.requests.length;
    const sent = await vscode.commands.executeCommand<SendOutcome>('ccmacro.sendTestWebhook');
    assert.strictEqual(sent.outcome, 'sent', JSON.stringify(sent));
    assert.strictEqual(server.requests.length, before + 1);
    const curl = await vscode.commands.executeCommand<string>('ccmacro.copyAsCurl');
    assert.ok(curl?.includes(`${server.url}/ok`), curl);
    const url = await vscode.commands.executeCommand<string>('ccmacro.copyForCentercode', undefined, 'url');
    assert.strictEqual(url, `${server.url}/ok`);
  });

  test('the editor reports what validate reports: a key written twice, a tag no sample gives, a UTF-16 sample', async function () {
    this.timeout(60000);
    await write(
      'agree/u16.sample.json',
      new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from('{"Title": "x"}', 'utf16le'))]),
    );
    await write(
      'agree/editor.ccmacro.json',
      '{\n  "name": "Editor",\n  "samples": ["own.sample.json", "u16.sample.json"],\n  "request": {\n    "method": "POST",\n    "url": "https://x.test/",\n    "body": { "t": "((Severity))" }\n  }\n}\n',
    );
    await write(
      'agree/dup.ccmacro.json',
      '{\n  "name": "Dup",\n  "request": { "method": "POST", "url": "https://a.test/", "url": "https://b.test/" }\n}\n',
    );
    const ours = (uri: vscode.Uri, code: string) =>
      vscode.languages.getDiagnostics(uri).filter(d => d.source === 'ccmacro' && String(d.code) === code);
    const { doc: editor } = await openFixture('agree/editor.ccmacro.json');
    const missing = await waitFor(() => ours(editor.uri, 'render/missing-tag')[0], {
      message: 'a render/missing-tag diagnostic',
    });
    assert.strictEqual(missing.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(editor.getText(missing.range), '((Severity))');
    assert.match(missing.message, /has no value in sample items own\.sample\.json \[0\], own\.sample\.json \[1\]/);
    const utf16 = await waitFor(() => ours(editor.uri, 'sample/cannot-read')[0], { message: 'the UTF-16 sample' });
    assert.strictEqual(editor.getText(utf16.range), '"u16.sample.json"');
    assert.match(utf16.message, /cannot be read: it is saved as UTF-16 text; save it as UTF-8$/);

    const { doc: dup } = await openFixture('agree/dup.ccmacro.json');
    const twice = await waitFor(() => ours(dup.uri, 'json/duplicate-key')[0], { message: 'json/duplicate-key' });
    assert.strictEqual(twice.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(dup.offsetAt(twice.range.start), dup.getText().lastIndexOf('"url"'));
    const refused = await vscode.commands.executeCommand<SendOutcome>('ccmacro.sendTestWebhook');
    assert.strictEqual(refused.outcome, 'refused');
    assert.match(
      refused.message!,
      /agree\/dup\.ccmacro\.json:3:\d+: error: `url` is written twice.*\[json\/duplicate-key\]/,
    );
    assert.strictEqual(await vscode.commands.executeCommand('ccmacro.copyAsCurl'), undefined);
  });

  test('Copy as cURL passes a value starting with @ literally, and refuses a body holding NUL (issue 15 C)', async () => {
    const macro = (name: string) =>
      JSON.stringify({
        name,
        samples: [`${name}.sample.json`],
        request: { method: 'POST', url: 'https://x.test/in', bodyFormat: 'text', body: '((V))' },
      });
    await write('agree/curl-at.sample.json', JSON.stringify({ V: '@/etc/passwd' }));
    await write('agree/curl-at.ccmacro.json', macro('curl-at'));
    await write('agree/curl-nul.sample.json', JSON.stringify({ V: 'a\u0000b' }));
    await write('agree/curl-nul.ccmacro.json', macro('curl-nul'));
    await openFixture('agree/curl-at.ccmacro.json');
    const curl = await vscode.commands.executeCommand<string>('ccmacro.copyAsCurl');
    assert.ok(curl?.includes('--data-raw @/etc/passwd\n') && !curl.includes('--data-binary'), curl);
    assert.strictEqual(await vscode.env.clipboard.readText(), curl);
    await openFixture('agree/curl-nul.ccmacro.json');
    assert.strictEqual(await vscode.commands.executeCommand('ccmacro.copyAsCurl'), undefined);
    assert.strictEqual(await vscode.env.clipboard.readText(), curl, 'nothing was copied');
  });
});
