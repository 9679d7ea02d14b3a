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

suite('Jira', () => {
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

  suiteTeardown(closeAllEditors);

  test('the Jira issue tab draws the issue: summary, type, priority, labels, the ADF description; hostile values as text', async function () {
    this.timeout(90000);
    const { doc } = await openFixture('preview/jira.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide');
    await waitForDom((d, s) => s.documentUri === doc.uri.toString() && d.tabs.includes('Jira issue'), 'the Jira tab');
    await previewState({ tab: 'jira' });
    const s = await waitForDom(d => tabText(d).includes('What happened'), 'the drawn issue');
    const dom = s.dom!;
    assert.strictEqual(dom.activeTab, 'jira');
    assert.deepStrictEqual(dom.tabs, ['Request', 'Jira issue']);
    const text = tabText(dom);
    for (const part of [
      'BETA',
      'Bug',
      'Create issue',
      'Login button does nothing on the Android app',
      'Priority',
      'High',
      'centercode',
      'beta',
      'Description',
      'What happened',
      'Reported: After the 4.2 update',
      'Severity Major',
      'Steps: 1. Install version 4.2.0',
      '@Triage',
      'feedback #48213',
    ])
      assert.ok(text.includes(part), `drawn: ${part} in ${text.slice(0, 600)}`);
    assert.strictEqual(dom.targetTab!.linkCount, 0, 'links are shown, never followed');
    assert.deepStrictEqual(
      s.model!.problems.filter(p => String(p.code).startsWith('render/jira-')),
      [],
    );
    try {
      await screenshot('preview-jira');
    } catch {
      /* screenshots are optional artifacts */
    }

    await previewState({ selectSample: 'builtin:hostile#0' });
    const h = await waitForDom(d => tabText(d).includes('DROP TABLE'), 'the hostile issue');
    const hostile = tabText(h.dom!);
    for (const literal of ['</script><script>alert(1)</script>', '**bold**', '[click me](https://evil.test)'])
      assert.ok(hostile.includes(literal), `shown literally: ${literal}`);
    assert.strictEqual(h.dom!.imgCount, 0);
    assert.strictEqual(h.dom!.addedScriptCount, 0);
    assert.deepStrictEqual(h.dom!.targetTab!.emphasis, [], 'no value became formatting');
  });

  test('an ADF problem is a diagnostic at the node in the macro', async function () {
    this.timeout(60000);
    const { doc } = await openFixture('preview/jira-problems.ccmacro.json');
    const [d] = await waitFor(() => {
      const found = ccmacroDiagnostics(doc.uri, 'render/jira-adf-unknown-node');
      return found.length ? found : undefined;
    });
    assert.strictEqual(doc.getText(d.range), '"paragraf"');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(
      d.message,
      /"paragraf" is not a node type of Atlassian Document Format \(did you mean "paragraph"\?\)/,
    );
  });

  test('a v3 plain-string description: an error with a quick fix that wraps it in an Atlassian document', async function () {
    this.timeout(60000);
    const { doc } = await openFixture('preview/jira-string.ccmacro.json');
    const [diag] = await waitFor(() => {
      const found = ccmacroDiagnostics(doc.uri, 'render/jira-adf-string');
      return found.length ? found : undefined;
    });
    assert.strictEqual(doc.getText(diag.range), '"((Description))\\nReported by ((Submitter Name))"');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diag.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find(a => a.title.startsWith('Wrap the text in an Atlassian document'));
    assert.ok(fix?.edit, `quick fixes: ${actions.map(a => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const description = (
      JSON.parse(doc.getText().replace(/^\/\/.*\n/, '')) as {
        request: { body: { fields: { description: unknown } } };
      }
    ).request.body.fields.description;
    assert.deepStrictEqual(description, {
      type: 'doc',
      version: 1,
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: '((Description))' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Reported by ((Submitter Name))' }] },
      ],
    });
    await waitFor(() => ccmacroDiagnostics(doc.uri, 'render/jira-adf-string').length === 0, {
      message: 'the plain-string diagnostic to go away',
    });
    // Undo gives the author's text back.
    await vscode.commands.executeCommand('undo');
    assert.match(doc.getText(), /"description": "\(\(Description\)\)\\nReported by/);
  });
});
