import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { DomReport, PreviewModel } from '../../src/core/preview/messages';
import { closeAllEditors, openFixture, screenshot, waitFor, workspacePath, tabText } from './util';

interface PreviewState {
  model?: PreviewModel;
  posted: string[];
  dom?: DomReport;
  documentUri: string;
  locked: boolean;
  ready: boolean;
}

const SECRET_VALUE = 'tok-PREVIEW-SUPERSECRET-4711';

function previewState(action?: {
  selectSample?: string;
  locked?: boolean;
  message?: unknown;
}): Thenable<PreviewState | undefined> {
  return vscode.commands.executeCommand<PreviewState | undefined>('ccmacro.test.previewState', action);
}

/** Wait until the webview's DOM satisfies `check`; the message names the last DOM seen. */
async function waitForDom(check: (dom: DomReport, s: PreviewState) => boolean, what: string): Promise<PreviewState> {
  let last: PreviewState | undefined;
  return waitFor(
    async () => {
      last = await previewState();
      return last?.dom && check(last.dom, last) ? last : undefined;
    },
    { timeout: 25000, interval: 200, message: () => `${what}; last DOM: ${JSON.stringify(last?.dom)?.slice(0, 600)}` },
  );
}

suite('preview panel', () => {
  suiteSetup(async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('ccmacro.setSecret', 'PREVIEW_TOKEN', SECRET_VALUE);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('ccmacro.deleteSecret', 'PREVIEW_TOKEN');
    await closeAllEditors();
  });

  test('opens beside the macro and shows the rendered body with highlighted values', async function () {
    this.timeout(60000); // the first test also waits for the extension and the webview to start
    const { doc } = await openFixture('preview/plain.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide');
    const s = await waitForDom(d => d.bodyText.includes('Crash on save'), 'the rendered body');
    const dom = s.dom!;
    assert.strictEqual(s.documentUri, doc.uri.toString());
    assert.match(dom.bodyText, /"title": "Crash on save"/);
    assert.match(dom.bodyText, /"id": 7\n/);
    assert.ok(dom.highlightCount >= 3, `values are highlighted (${dom.highlightCount})`);
    assert.deepStrictEqual(dom.tabs, ['Request'], 'no Slack tab for a plain webhook');
    assert.match(dom.urlText, /^https:\/\/example\.test\/hooks\/•••• \(secret PREVIEW_PATH\)\?project=Aurora$/);
    const title = s.model!.request!.body!.segments.find(x => x.tag === 'Title')!;
    assert.strictEqual(
      doc.getText().slice(title.source!.start, title.source!.end),
      '((Title))',
      'a value maps back to its tag',
    );

    // Clicking a value posts `reveal` with its source: the macro editor selects the tag.
    await previewState({ message: { type: 'reveal', start: title.source!.start, end: title.source!.end } });
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.uri.toString(), doc.uri.toString());
    assert.strictEqual(doc.getText(editor.selection), '((Title))');
  });

  test('a reveal from the webview opens only the macro and its own sample files', async () => {
    const { doc } = await openFixture('preview/plain.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide');
    await waitForDom((_d, s) => s.documentUri === doc.uri.toString(), 'the plain macro');
    // The path the host would open, as the preview posts it (a core path: fsPath on disk, the URI path remotely).
    const corePathOf = (u: vscode.Uri) => (u.scheme === 'file' ? u.fsPath : u.path);
    const opened = () => vscode.window.visibleTextEditors.map(e => e.document.uri.path);
    const elsewhere = [corePathOf(workspacePath('preview/teams.sample.json')), '/etc/hostname', '/etc/passwd'];
    for (const p of elsewhere) {
      await previewState({ message: { type: 'reveal', start: 0, end: 4, path: p } });
      assert.ok(!opened().some(o => o === p || o.endsWith('/teams.sample.json')), `${p} was opened: ${opened()}`);
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
    }
    // A malformed message is dropped before it reaches reveal.
    await previewState({ message: { type: 'reveal', start: 'x', end: 4, path: elsewhere[1] } });
    assert.ok(!opened().includes('/etc/hostname'));
    // The macro's own sample file opens at the range.
    const sample = workspacePath('preview/preview.sample.json');
    await previewState({ message: { type: 'reveal', start: 0, end: 1, path: corePathOf(sample) } });
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === sample.toString(), {
      message: () => `the sample opens; open: ${opened()}`,
    });
    await closeAllEditors();
  });

  test('follows edits with update messages', async () => {
    const { doc } = await openFixture('preview/plain.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide');
    const before = await waitForDom(d => d.bodyText.includes('"title"'), 'the first render');
    const at = doc.getText().indexOf('"title"');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + '"title"'.length)), '"headline"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const after = await waitForDom(d => d.bodyText.includes('"headline": "Crash on save"'), 'the edited body');
    assert.ok(after.dom!.seq > before.dom!.seq, 'a newer model was drawn');
    assert.ok(
      after.posted.every(m => JSON.parse(m).type === 'update' || JSON.parse(m).type === 'probe'),
      'only update messages are posted',
    );
    // Leave the fixture as it was for the other tests.
    await vscode.commands.executeCommand('undo');
    await waitForDom(d => d.bodyText.includes('"title"'), 'the body after undo');
    await doc.save();
  });

  test('masks secrets: placeholders shown as ••••, the stored value never posted', async () => {
    await openFixture('preview/plain.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide');
    const s = await waitForDom(d => d.headersText.includes('Authorization'), 'the headers');
    assert.match(s.dom!.headersText, /Bearer •••• \(secret PREVIEW_TOKEN\)/);
    const everything = JSON.stringify(s.posted) + JSON.stringify(s.dom) + JSON.stringify(s.model);
    assert.ok(!everything.includes(SECRET_VALUE), 'the secret value is not in any posted message or the DOM');
    assert.ok(!everything.includes('${secret:PREVIEW_TOKEN}'), 'the raw placeholder is not posted either');
    const curl = await vscode.commands.executeCommand<string>('ccmacro.copyAsCurl');
    assert.ok(curl && curl.includes('CCMACRO_SECRET_PREVIEW_TOKEN'), curl);
    assert.ok(!curl.includes(SECRET_VALUE), 'Copy as cURL refers to the secret, never its value');
    assert.strictEqual(await vscode.env.clipboard.readText(), curl);
  });

  // The hostile sample carries a 100 KB description: give these two room on a loaded machine.
  test('renders the hostile sample as text in the request', async function () {
    this.timeout(60000);
    await openFixture('preview/plain.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide');
    await waitForDom((_d, s) => s.documentUri.endsWith('plain.ccmacro.json'), 'the plain macro');
    await previewState({ selectSample: 'builtin:hostile#0' });
    const plain = await waitForDom(d => d.bodyText.includes('onerror'), 'the hostile body');
    assert.ok(plain.dom!.bodyText.includes('<img src=x onerror=alert(1)>'), 'the <img> markup is shown as text');
    assert.ok(plain.dom!.bodyText.includes('</script><script>alert(1)</script>'));
    assert.strictEqual(plain.dom!.imgCount, 0, 'no img element was created');
    assert.strictEqual(plain.dom!.addedScriptCount, 0, 'no script element was added');
    try {
      await screenshot('preview-hostile-request');
    } catch {
      /* screenshots are optional artifacts */
    }
  });

  test('follows the active macro and draws the hostile sample as text in the Slack message', async function () {
    this.timeout(60000);
    await openFixture('preview/plain.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide');
    // The preview follows the active macro editor (it is not locked) and offers the Slack tab there.
    const { doc: slack } = await openFixture('preview/slack.ccmacro.json');
    await waitForDom(
      (d, s) => s.documentUri === slack.uri.toString() && d.tabs.includes('Slack message'),
      'the Slack macro',
    );
    await previewState({ selectSample: 'builtin:hostile#0' });
    const s = await waitForDom(d => tabText(d).includes('onerror'), 'the hostile Slack message');
    assert.ok(tabText(s.dom!).includes('<img src=x onerror=alert(1)>'), 'Slack-escaped markup is drawn back as text');
    assert.ok(s.dom!.bodyText.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the payload carries it Slack-escaped');
    assert.ok(tabText(s.dom!).includes('<!channel>'), 'an escaped <!channel> is text, not a mention');
    assert.strictEqual(s.dom!.imgCount, 0);
    assert.strictEqual(s.dom!.addedScriptCount, 0);
    assert.ok(
      s.model!.problems.some(p => p.severity === 'error' && p.code === 'render/slack-section-too-long'),
      'the 100 KB description breaks a Slack limit Slack refuses: listed as an error, while the message is still drawn',
    );
  });

  test('stays on a locked macro when another editor becomes active', async function () {
    this.timeout(60000);
    const { doc: slack } = await openFixture('preview/slack.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide');
    await waitForDom((_d, s) => s.documentUri === slack.uri.toString(), 'the Slack macro');
    await previewState({ locked: true });
    await openFixture('preview/plain.ccmacro.json');
    const locked = await waitForDom(d => d.bodyText.length > 0, 'a render');
    assert.strictEqual(locked.documentUri, slack.uri.toString());
    assert.strictEqual(locked.locked, true);
    const unlocked = await previewState({ locked: false });
    assert.strictEqual(unlocked?.locked, false);
    await waitForDom((_d, s) => s.documentUri.endsWith('plain.ccmacro.json'), 'following the active editor again');
  });

  test('the sample picked in the preview feeds hover for the same macro', async function () {
    this.timeout(60000);
    const { doc } = await openFixture('preview/plain.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide');
    await waitForDom((_d, st) => st.documentUri === doc.uri.toString(), 'the preview on this macro');
    const second = doc.uri.fsPath.replace(/plain\.ccmacro\.json$/, 'preview.sample.json#1');
    await previewState({ selectSample: second });
    await waitForDom(d => d.bodyText.includes('Login button does nothing'), 'the second sample item rendered');
    const at = doc.positionAt(doc.getText().indexOf('((Title))') + 3);
    await waitFor(
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
        const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
        return text.includes('Login button does nothing') ? text : undefined;
      },
      { timeout: 10000, message: 'hover shows the value from the sample item picked in the preview' },
    );
  });

  test('comes back after a reload on the saved macro, sample and lock', async function () {
    this.timeout(60000);
    await closeAllEditors();
    const uri = workspacePath('preview/slack.ccmacro.json');
    const sample = `${uri.fsPath}`.replace(/slack\.ccmacro\.json$/, 'preview.sample.json#0');
    assert.ok(
      await vscode.commands.executeCommand('ccmacro.test.revivePreview', {
        documentUri: uri.toString(),
        locked: true,
        selectedSample: sample,
      }),
    );
    const s = await waitForDom(
      (d, st) => st.documentUri === uri.toString() && d.tabs.includes('Slack message'),
      'the revived preview',
    );
    assert.strictEqual(s.locked, true);
    assert.strictEqual(s.model!.selectedSample, sample);
    assert.match(tabText(s.dom!), /Crash on save/);
    assert.strictEqual(
      await vscode.commands.executeCommand('ccmacro.test.revivePreview', { nonsense: 1 }),
      false,
      'a state it cannot read closes the panel',
    );
  });

  test('offers Send test webhook and Preview CodeLenses on the first line', async () => {
    const { doc } = await openFixture('preview/plain.ccmacro.json');
    const lenses = await waitFor(
      async () => {
        const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
        return l && l.length >= 2 ? l : undefined;
      },
      { message: 'code lenses' },
    );
    const titles = lenses.map(l => l.command?.title);
    assert.deepStrictEqual(titles.slice(0, 2), ['Send test webhook', 'Preview']);
    assert.strictEqual(lenses[0].range.start.line, 1, 'above the macro, below the leading comment');
  });

  test('copies for Centercode and makes a new macro from a Centercode body', async () => {
    await openFixture('preview/plain.ccmacro.json');
    const body = await vscode.commands.executeCommand<string>('ccmacro.copyForCentercode', undefined, 'body');
    assert.match(body, /"title": "\(\(Title\)\)"/);
    assert.match(body, /"id": \(\(Feedback ID\)\)\n/);
    const headers = await vscode.commands.executeCommand<string>('ccmacro.copyForCentercode', undefined, 'headers');
    assert.strictEqual(headers, 'Authorization: Bearer ${secret:PREVIEW_TOKEN}\nX-Title: ((Title))');

    const target = workspacePath('preview/from-centercode.ccmacro.json');
    const created = await vscode.commands.executeCommand<string>('ccmacro.newFromCentercode', {
      body: '{"text": "New: ((Title))", "id": ((Feedback ID))}',
      url: 'https://hooks.slack.com/services/T1/B2/PASTEDSECRET',
      method: 'POST',
      headers: 'Content-Type: application/json',
      name: 'From Centercode',
      target: target.toString(),
    });
    assert.strictEqual(created, target.toString());
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    const macro = JSON.parse(text);
    assert.strictEqual(macro.name, 'From Centercode');
    assert.strictEqual(macro.request.url, '${secret:SLACK_WEBHOOK_URL}');
    assert.strictEqual(macro.request.body.id, '((Feedback ID)):json');
    assert.ok(!text.includes('PASTEDSECRET'));
    assert.strictEqual(
      vscode.window.activeTextEditor?.document.uri.toString(),
      target.toString(),
      'the new macro is opened',
    );
  });
});
