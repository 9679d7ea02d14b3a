import * as assert from 'node:assert';
import * as vscode from 'vscode';
import {
  ccmacroDiagnostics,
  closeAllEditors,
  openFixture,
  previewState,
  screenshot,
  tabText,
  waitFor,
  waitForDom,
} from './util';

/** The word joiner the Teams escaping puts inside Markdown syntax is invisible: compare text without it. */
const shown = (s: string) => s.replace(/\u2060/g, '');

suite('Microsoft Teams', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension('ccmacro.ccmacro')?.activate();
    await closeAllEditors();
  });

  teardown(async () => {
    for (const d of vscode.workspace.textDocuments.filter(x => x.isDirty)) {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  suiteTeardown(async () => {
    await vscode.workspace
      .getConfiguration('workbench')
      .update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  test('the Teams card tab draws the card with Microsoft’s renderer, values highlighted and leading to their tags', async function () {
    this.timeout(90000);
    const { doc } = await openFixture('preview/teams.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide');
    await waitForDom((d, s) => s.documentUri === doc.uri.toString() && d.tabs.includes('Teams card'), 'the Teams tab');
    await previewState({ tab: 'teams' });
    const s = await waitForDom(d => tabText(d).includes('App crashes'), 'the drawn card');
    const dom = s.dom!;
    assert.strictEqual(dom.activeTab, 'teams');
    assert.deepStrictEqual(dom.tabs, ['Request', 'Teams card']);
    assert.strictEqual(dom.targetTab?.error, undefined);
    assert.match(tabText(dom), /Blocker issue #10432/);
    assert.match(tabText(dom), /Open in Centercode/, 'the action button is drawn');
    assert.match(tabText(dom), /Project\s*Aurora Mobile Beta/, `the facts are drawn: ${tabText(dom)}`);
    // The author's **…** is bold; the value's own **Reports** and *Export → PDF* stay literal.
    assert.ok(
      dom.targetTab!.emphasis.includes('Blocker'),
      `bold from the macro: ${JSON.stringify(dom.targetTab!.emphasis)}`,
    );
    assert.ok(shown(tabText(dom)).includes('Open **Reports**, pick the weekly report and choose *Export → PDF*.'));
    assert.ok(!dom.targetTab!.emphasis.some(t => t.includes('Reports')), 'a value never becomes formatting');
    assert.ok(dom.targetTab!.highlightCount >= 6, `values highlighted: ${dom.targetTab!.highlightCount}`);
    assert.strictEqual(dom.imgCount, 0);
    assert.strictEqual(dom.addedScriptCount, 0, 'only ccmacro’s own renderer script was added');
    assert.strictEqual(s.model!.problems.length, 0, JSON.stringify(s.model!.problems));

    // (The picture in docs/teams.md.)
    try {
      await screenshot('preview-teams');
    } catch {
      /* screenshots are optional artifacts */
    }

    // A highlighted value leads back to its tag in the macro.
    const title = dom.targetTab!.values.find(v => v.tag === 'Title')!;
    assert.strictEqual(doc.getText().slice(title.start, title.end), '((Title))');
    await previewState({ message: { type: 'reveal', start: title.start, end: title.end } });
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.uri.toString(), doc.uri.toString());
    assert.strictEqual(doc.getText(editor.selection), '((Title))');
  });

  test('follows the VS Code theme: light Teams colours in a light theme', async function () {
    this.timeout(60000);
    await openFixture('preview/teams.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide');
    await waitForDom(d => d.tabs.includes('Teams card'), 'the Teams tab');
    await previewState({ tab: 'teams' });
    const before = await waitForDom(d => d.targetTab?.theme !== undefined, 'the drawn card');
    const wanted = before.dom!.targetTab?.theme === 'light' ? 'dark' : 'light';
    await vscode.workspace
      .getConfiguration('workbench')
      .update(
        'colorTheme',
        wanted === 'light' ? 'Default Light Modern' : 'Default Dark Modern',
        vscode.ConfigurationTarget.Global,
      );
    await waitForDom(d => d.targetTab?.theme === wanted && tabText(d).includes('App crashes'), `the card in ${wanted}`);
  });

  test('draws the hostile sample as text: no link, formatting, mention, image or script from a value', async function () {
    this.timeout(90000);
    await openFixture('preview/teams.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide');
    await waitForDom(d => d.tabs.includes('Teams card'), 'the Teams tab');
    await previewState({ selectSample: 'builtin:hostile#0' });
    await previewState({ tab: 'teams' });
    const s = await waitForDom(d => tabText(d).includes('DROP TABLE'), 'the hostile card');
    const dom = s.dom!;
    const text = shown(tabText(dom));
    for (const literal of [
      '[click me](https://evil.test)',
      '**bold**',
      '<at>everyone</at>',
      '&#42;x&#42;',
      '# heading',
      '- item',
      '</script><script>alert(1)</script>',
    ])
      assert.ok(text.includes(literal), `shown literally: ${literal}`);
    assert.strictEqual(dom.targetTab!.linkCount, 0, 'no value became a link');
    assert.deepStrictEqual(
      dom.targetTab!.emphasis.filter(t => t !== 'Major & Critical'),
      [],
      'only the macro’s own bold text is formatted',
    );
    assert.strictEqual(dom.imgCount, 0, 'no img element was created');
    assert.strictEqual(dom.addedScriptCount, 0, 'no script element was added');
    // The 100 KB description is not in this card, but the hostile values still give a sizeable card: no error,
    // and the javascript: URL of another tag never reaches a link.
    assert.ok(!JSON.stringify(s.model!.targetTab).includes('javascript:'));
  });

  test('reports an unknown element type and an invalid property value at their line and column', async function () {
    this.timeout(60000);
    const { doc } = await openFixture('preview/teams.ccmacro.json');
    const edit = new vscode.WorkspaceEdit();
    const text = doc.getText();
    const typeAt = text.indexOf('"TextBlock", "text": "((Title))"');
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(typeAt), doc.positionAt(typeAt + 11)), '"TextBlok"');
    // (On another element: the library does not read the properties of an element type it does not know.)
    const sizeAt = text.indexOf('"Small"');
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(sizeAt), doc.positionAt(sizeAt + 7)), '"Huge"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const unknown = await waitFor(() => ccmacroDiagnostics(doc.uri, 'render/teams-unknown-element-type')[0], {
      timeout: 20000,
      message: () => `render/teams-unknown-element-type; have ${JSON.stringify(ccmacroDiagnostics(doc.uri))}`,
    });
    assert.strictEqual(doc.getText(unknown.range), '"TextBlok"');
    assert.match(unknown.message, /Did you mean "TextBlock"\?/);
    assert.strictEqual(unknown.severity, vscode.DiagnosticSeverity.Warning);
    const invalid = ccmacroDiagnostics(doc.uri, 'render/teams-invalid-property-value')[0];
    assert.ok(invalid, JSON.stringify(ccmacroDiagnostics(doc.uri)));
    assert.strictEqual(doc.getText(invalid.range), '"Huge"');
    assert.strictEqual(invalid.range.start.line, doc.positionAt(sizeAt).line);
  });

  test('"slack": true gets a hint and a quick fix to "target": "slack"', async function () {
    this.timeout(60000);
    const { doc } = await openFixture('preview/slack.ccmacro.json');
    const hint = await waitFor(() => ccmacroDiagnostics(doc.uri, 'macro/slack-deprecated')[0], {
      timeout: 20000,
      message: 'the deprecation hint',
    });
    assert.strictEqual(hint.severity, vscode.DiagnosticSeverity.Information);
    assert.strictEqual(doc.getText(hint.range), '"slack": true');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      hint.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find(a => a.title === 'Replace with "target": "slack"');
    assert.ok(fix?.edit, `quick fixes: ${actions.map(a => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /\n {2}"target": "slack",\n/);
    await waitFor(() => ccmacroDiagnostics(doc.uri, 'macro/slack-deprecated').length === 0, {
      timeout: 20000,
      message: 'the hint to go away',
    });
    await vscode.commands.executeCommand('undo');
    assert.match(doc.getText(), /"slack": true/, 'the fix is one undoable edit');
  });

  test('"Send to Local Test Receiver" posts to /teams/<name>: 202 for a good card, 400 for a broken one', async function () {
    this.timeout(60000);
    const { doc } = await openFixture('preview/teams.ccmacro.json');
    type Outcome = { outcome: string; status?: number; url?: string };
    const good = await vscode.commands.executeCommand<Outcome>('ccmacro.sendToReceiver');
    assert.strictEqual(good.outcome, 'sent', JSON.stringify(good));
    assert.strictEqual(good.status, 202);
    assert.match(good.url!, /^http:\/\/127\.0\.0\.1:\d+\/teams\/post-new-issue-to-teams$/);
    const edit = new vscode.WorkspaceEdit();
    const at = doc.getText().lastIndexOf('{', doc.getText().indexOf('"type": "FactSet"'));
    edit.insert(doc.uri, doc.positionAt(at), '{ "type": "Input.ChoiceSet", "id": "pick" }, ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const bad = await vscode.commands.executeCommand<Outcome>('ccmacro.sendToReceiver');
    assert.strictEqual(bad.outcome, 'sent', JSON.stringify(bad));
    assert.strictEqual(bad.status, 400, 'the receiver refuses a card Teams would not show');
    assert.strictEqual(await vscode.commands.executeCommand('ccmacro.stopReceiver'), true);
  });
});
