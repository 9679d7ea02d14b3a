import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAllEditors, openFixture, screenshot, waitFor, workspacePath } from './util';

interface TestState {
  items: Array<{
    id: string;
    label: string;
    uri?: string;
    line?: number;
    children: Array<{ id: string; label: string; description?: string; uri?: string; line?: number }>;
  }>;
  results: Record<
    string,
    {
      state: string;
      messages: Array<{
        message: string;
        expected?: string;
        actual?: string;
        contextValue?: string;
        uri?: string;
        line?: number;
      }>;
    }
  >;
}

const MACRO = 'review/order.ccmacro.json';
const SNAPSHOT = 'review/order.snap.http';

const state = () => vscode.commands.executeCommand<TestState>('ccmacro.test.snapshotTests');
const run = (ids: string[]) => vscode.commands.executeCommand('ccmacro.test.runSnapshotTests', ids);
const snapshotText = async () => new TextDecoder().decode(await vscode.workspace.fs.readFile(workspacePath(SNAPSHOT)));

/** For the docs: the Testing view beside the failure's diff (only under scripts/real-host, see screenshot()). */
async function showFailure(): Promise<void> {
  if (!process.env.CCMACRO_TEST_ARTIFACTS) return;
  await vscode.commands.executeCommand('workbench.view.testing.focus');
  const { editor } = await openFixture(SNAPSHOT);
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  await new Promise(r => setTimeout(r, 500));
  await vscode.commands.executeCommand('testing.goToNextMessage');
  await new Promise(r => setTimeout(r, 2000));
  await screenshot('test-explorer-snapshot-diff');
  await vscode.commands.executeCommand('closeReferenceSearch').then(undefined, () => undefined);
}

suite('reviewing macros: the Test Explorer and external data', () => {
  const fileId = () => workspacePath(MACRO).toString();
  const itemId = (i: number) => `${fileId()}#samples/order.sample.json [${i}]`;

  suiteSetup(async () => {
    await vscode.extensions.getExtension('ccmacro.ccmacro')?.activate();
  });

  teardown(async () => {
    for (const d of vscode.workspace.textDocuments.filter(x => x.isDirty)) {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await closeAllEditors();
  });

  test('the Testing view lists each macro, and running it passes against its snapshot', async function () {
    this.timeout(60000);
    // Opening the Testing view makes VS Code ask the controller for its tests.
    await vscode.commands.executeCommand('workbench.view.testing.focus');
    const listed = await waitFor(async () => (await state()).items.find(i => i.id === fileId()), {
      timeout: 20000,
      message: 'the review macro in the Testing view',
    });
    assert.strictEqual(listed.label, 'Order webhook');
    assert.strictEqual(listed.line, 3, 'the test sits on the "request" line');

    await run([fileId()]);
    const s = await state();
    const file = s.items.find(i => i.id === fileId())!;
    assert.deepStrictEqual(
      file.children.map(c => [c.label, c.description, c.uri, c.line]),
      [
        ['[0] Blue widget', 'samples/order.sample.json', workspacePath(SNAPSHOT).toString(), 4],
        ['[1] Red widget', 'samples/order.sample.json', workspacePath(SNAPSHOT).toString(), 16],
      ],
    );
    assert.deepStrictEqual([s.results[itemId(0)]?.state, s.results[itemId(1)]?.state], ['passed', 'passed']);

    // The snapshot file is its own language: no JSON errors, and it opens from the test item.
    await vscode.commands.executeCommand('ccmacro.openSnapshot', itemId(1));
    const editor = await waitFor(() =>
      vscode.window.activeTextEditor?.document.uri.toString() === workspacePath(SNAPSHOT).toString()
        ? vscode.window.activeTextEditor
        : undefined,
    );
    assert.strictEqual(editor.document.languageId, 'ccmacro-snapshot');
    assert.strictEqual(editor.selection.active.line, 16);
    assert.deepStrictEqual(vscode.languages.getDiagnostics(editor.document.uri), []);
  });

  test('an edited macro fails with the diff of its request, and Update Snapshot accepts it', async function () {
    this.timeout(60000);
    const { doc } = await openFixture(MACRO);
    const edit = new vscode.WorkspaceEdit();
    const at = doc.getText().indexOf('New order for');
    edit.replace(
      doc.uri,
      new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'New order'.length)),
      'ESCALATED order',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));

    // The unsaved text counts, as in the preview.
    await run([fileId()]);
    let s = await state();
    const failed = s.results[itemId(0)];
    assert.strictEqual(failed.state, 'failed');
    const [m] = failed.messages;
    assert.strictEqual(m.contextValue, 'ccmacro.snapshotMismatch', 'the message offers Update Snapshot');
    assert.match(m.expected!, /"summary": "New order for Blue widget"/);
    assert.match(m.actual!, /"summary": "ESCALATED order for Blue widget"/);
    assert.strictEqual(m.uri, workspacePath(SNAPSHOT).toString());
    assert.strictEqual(m.line, 4);
    assert.strictEqual(s.results[itemId(1)].state, 'failed');
    await showFailure();

    // Update one item: only its entry changes, and it passes again.
    await vscode.commands.executeCommand('ccmacro.updateSnapshot', itemId(0));
    let text = await snapshotText();
    assert.match(text, /"summary": "ESCALATED order for Blue widget"/);
    assert.match(text, /"summary": "New order for Red widget"/);
    s = await state();
    assert.strictEqual(s.results[itemId(0)].state, 'passed');
    assert.strictEqual(s.results[itemId(1)].state, 'failed');

    // Update the macro: every item.
    await vscode.commands.executeCommand('ccmacro.updateSnapshot', fileId());
    text = await snapshotText();
    assert.match(text, /"summary": "ESCALATED order for Red widget"/);
    assert.ok(text.includes('#   Order ID = ORD-1 (from id)'));
    await run([fileId()]);
    s = await state();
    assert.deepStrictEqual([s.results[itemId(0)].state, s.results[itemId(1)].state], ['passed', 'passed']);
  });

  test("another macro's returnValues name is a known tag: completion says who saves it, no unknown-tag warning", async function () {
    this.timeout(60000);
    const { doc } = await openFixture('review/comment.ccmacro.json');
    const diagnostics = () =>
      vscode.languages
        .getDiagnostics(doc.uri)
        .filter(d => d.source === 'ccmacro')
        .map(d => String(d.code));
    // Checked once the workspace's macros are listed: only the deliberately open (( is reported.
    await waitFor(() => diagnostics().includes('tag/unterminated'), { message: () => `diagnostics ${diagnostics()}` });
    assert.ok(!diagnostics().includes('tag/unknown'), `no unknown tag: ${diagnostics()}`);
    const pos = doc.positionAt(doc.getText().indexOf('is about ((') + 'is about (('.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      pos,
      '(',
      500,
    );
    const item = list.items.find(i => i.label === 'Order ID');
    assert.ok(item, 'Order ID is offered');
    assert.strictEqual(item.detail, 'external data · saved by Order webhook from id');
    const def = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider',
      doc.uri,
      doc.positionAt(doc.getText().indexOf('Order ID')),
    );
    const target = def.map(d => ('targetUri' in d ? d.targetUri : d.uri).toString());
    // The returnValues entry of the macro that saves it (and the sample key that gives it a value).
    assert.deepStrictEqual(target, [
      workspacePath(MACRO).toString(),
      workspacePath('review/samples/comment.sample.json').toString(),
    ]);
    const saved = def[0] as vscode.LocationLink;
    const macro = await vscode.workspace.openTextDocument(workspacePath(MACRO));
    assert.strictEqual(macro.getText(saved.targetRange), '"Order ID"', JSON.stringify(saved));
  });
});
