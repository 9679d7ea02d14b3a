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

suite('Azure DevOps', () => {
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

  test('the Azure DevOps work item tab draws the work item: type, title, fields, the HTML field as text and markup', async function () {
    this.timeout(90000);
    const { doc } = await openFixture('preview/azure-devops.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide');
    await waitForDom(
      (d, s) => s.documentUri === doc.uri.toString() && d.tabs.includes('Azure DevOps work item'),
      'the Azure DevOps tab',
    );
    await previewState({ tab: 'azure-devops' });
    const s = await waitForDom(d => tabText(d).includes('Export to PDF'), 'the drawn work item');
    const dom = s.dom!;
    assert.strictEqual(dom.activeTab, 'azure-devops');
    assert.deepStrictEqual(dom.tabs, ['Request', 'Azure DevOps work item']);
    const text = tabText(dom);
    assert.match(text, /New Bug/);
    assert.match(text, /StateNew/, text);
    assert.match(text, /AreaFiber\\Beta/);
    assert.match(text, /IterationFiber\\Sprint 12/);
    assert.match(text, /Repro Steps/);
    // The value's <all regions> and <b>every</b> are text; the macro's own <b>Reported:</b> is bold.
    assert.ok(text.includes('Charts show <all regions> & <b>every</b> date after export.'), text);
    assert.deepStrictEqual(dom.targetTab!.emphasis, ['Reported:']);
    assert.strictEqual(dom.targetTab!.linkCount, 0, 'links are shown, never followed');
    assert.match(text, /HyperlinkCentercode feedback #10432/);
    assert.strictEqual(dom.imgCount, 0);
    assert.strictEqual(dom.addedScriptCount, 0);
    assert.deepStrictEqual(s.model!.problems, []);
    try {
      await screenshot('preview-azure-devops');
    } catch {
      /* screenshots are optional artifacts */
    }
  });

  test('the hostile sample draws as text: no element, link, image or script from a value', async function () {
    this.timeout(90000);
    await openFixture('preview/azure-devops.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide');
    await waitForDom(d => d.tabs.includes('Azure DevOps work item'), 'the Azure DevOps tab');
    await previewState({ selectSample: 'builtin:hostile#0' });
    await previewState({ tab: 'azure-devops' });
    const s = await waitForDom(d => tabText(d).includes('DROP TABLE'), 'the hostile work item');
    const dom = s.dom!;
    const text = tabText(dom);
    for (const literal of ['</script><script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<!channel>'])
      assert.ok(text.includes(literal), `shown literally: ${literal}`);
    assert.deepStrictEqual(dom.targetTab!.emphasis, ['Reported:'], 'only the macro’s own bold text is formatted');
    assert.strictEqual(dom.targetTab!.linkCount, 0);
    assert.strictEqual(dom.imgCount, 0);
    assert.strictEqual(dom.addedScriptCount, 0);
  });

  test('the Content-Type, a missing title and the api-version are diagnostics at their place in the macro', async function () {
    this.timeout(60000);
    const { doc } = await openFixture('preview/azure-devops.ccmacro.json');
    const text = doc.getText();
    const edit = new vscode.WorkspaceEdit();
    const ct = text.indexOf('"application/json-patch+json"');
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(ct), doc.positionAt(ct + 29)), '"application/json"');
    const version = text.indexOf('?api-version=7.1');
    edit.delete(doc.uri, new vscode.Range(doc.positionAt(version), doc.positionAt(version + 16)));
    const title = text.indexOf('"/fields/System.Title"');
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(title), doc.positionAt(title + 22)), '"/fields/System.Tags"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const contentType = await waitFor(() => ccmacroDiagnostics(doc.uri, 'render/azure-devops-content-type')[0], {
      timeout: 20000,
      message: () => `render/azure-devops-content-type; have ${JSON.stringify(ccmacroDiagnostics(doc.uri))}`,
    });
    assert.strictEqual(doc.getText(contentType.range), '"application/json"');
    assert.strictEqual(contentType.severity, vscode.DiagnosticSeverity.Error);
    const api = ccmacroDiagnostics(doc.uri, 'render/azure-devops-api-version')[0];
    assert.ok(api, JSON.stringify(ccmacroDiagnostics(doc.uri)));
    assert.strictEqual(doc.getText(api.range), '"https://dev.azure.com/fabrikam/Fiber/_apis/wit/workitems/$Bug"');
    const noTitle = ccmacroDiagnostics(doc.uri, 'render/azure-devops-no-title')[0];
    assert.ok(noTitle, JSON.stringify(ccmacroDiagnostics(doc.uri)));
    assert.strictEqual(doc.getText(noTitle.range), '[');
    assert.strictEqual(noTitle.range.start.line, doc.positionAt(doc.getText().indexOf('"body": [')).line);
  });
});
