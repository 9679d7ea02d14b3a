import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, openFixture, waitFor, workspacePath } from './util';

const EXTENSION_ID = 'ccmacro.ccmacro';
/** The JSON language server validates after a pause; its first diagnostics arrive in about 1.5 s. */
const LANGUAGE_SERVER_MS = 15000;

const errorsOf = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter(d => d.severity === vscode.DiagnosticSeverity.Error);
const describe = (uri: vscode.Uri) => () =>
  `diagnostics now: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map(d => `${d.source ?? '-'} ${String(d.code ?? '')} ${d.message}`))}`;

function schema(): { properties: Record<string, { description?: string; markdownDescription?: string }> } {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  return JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'schemas', 'ccmacro.schema.json'), 'utf8'));
}

suite('foundation: editing macros', () => {
  suiteTeardown(closeAllEditors);

  test('ccmacro activates when a .ccmacro.json file opens', async () => {
    const { doc } = await openFixture('macros/escalate-to-slack.ccmacro.json');
    assert.strictEqual(doc.languageId, 'ccmacro');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await waitFor(() => ext.isActive, { message: 'the extension to activate' });
  });

  test("a workspace file is its own path on the extension host's machine, in a remote window too", async () => {
    const uri = workspacePath('macros/escalate-to-slack.ccmacro.json');
    const p = await vscode.commands.executeCommand<string>('ccmacro.test.corePath', uri.toString());
    assert.strictEqual(p, uri.fsPath, `${uri.toString()} (remote: ${vscode.env.remoteName ?? 'none'})`);
  });

  test('the JSON language server reports schema problems from the contributed schema', async () => {
    const { doc } = await openFixture('macros/missing-request.ccmacro.json');
    // The JSON language server reports schema problems as warnings.
    const missing = await waitFor(
      () =>
        vscode.languages
          .getDiagnostics(doc.uri)
          .find(d => /Missing property "request"/.test(d.message) && d.source !== 'ccmacro'),
      {
        timeout: LANGUAGE_SERVER_MS,
        message: describe(doc.uri),
      },
    );
    assert.strictEqual(missing.range.start.line, 1, 'reported at the root object');
    // The file's comment is allowed: the schema says allowComments, so no "Comments are not permitted" error.
    assert.ok(!vscode.languages.getDiagnostics(doc.uri).some(d => /comment/i.test(d.message)), describe(doc.uri)());
  });

  test("ccmacro's own checks appear as diagnostics, located and coded", async () => {
    const { doc } = await openFixture('macros/get-with-body.ccmacro.json');
    const d = await waitFor(
      () => errorsOf(doc.uri).find(x => x.source === 'ccmacro' && x.code === 'request/body-with-get'),
      {
        message: describe(doc.uri),
      },
    );
    assert.strictEqual(
      doc.getText(d.range).startsWith('"body"'),
      true,
      `range covers the body, got ${JSON.stringify(doc.getText(d.range))}`,
    );
  });

  test('ccmacro re-checks an open macro when its sample changes, unsaved edits included', async () => {
    const { doc: macro } = await openFixture('macros/sample-tag.ccmacro.json');
    const unknownBuildNumber = () =>
      vscode.languages.getDiagnostics(macro.uri).some(d => d.code === 'tag/unknown' && /Build Number/.test(d.message));
    await waitFor(unknownBuildNumber, { message: describe(macro.uri) });
    // Define the tag in the sample, without saving: the macro's warning goes although the macro did not change.
    const sample = await vscode.workspace.openTextDocument(workspacePath('samples/build.sample.json'));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(sample.uri, sample.positionAt(sample.getText().indexOf('"Title"')), '"Build Number": "4.2.1",\n  ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(sample.isDirty);
    await waitFor(() => !unknownBuildNumber(), { message: describe(macro.uri) });
    // Undo the sample edit: the warning comes back.
    await vscode.window.showTextDocument(sample);
    await vscode.commands.executeCommand('undo');
    await waitFor(unknownBuildNumber, { message: describe(macro.uri) });
  });

  test('the JSON language server completes properties from the schema', async () => {
    const { doc } = await openFixture('macros/completion.ccmacro.json');
    const insideRoot = new vscode.Position(2, 2);
    const labels = await waitFor(
      async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          doc.uri,
          insideRoot,
        );
        const names = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label).replace(/"/g, ''));
        return names.includes('request') ? names : undefined;
      },
      { timeout: LANGUAGE_SERVER_MS, message: 'property completion offering "request"' },
    );
    for (const expected of ['request', 'scope', 'triggers', 'samples'])
      assert.ok(labels.includes(expected), `${expected} in ${labels.join(', ')}`);
    assert.ok(!labels.includes('name'), 'a property already present is not offered again');
  });

  test('hovering a property shows its description from the schema', async () => {
    const { doc } = await openFixture('macros/escalate-to-slack.ccmacro.json');
    const onName = doc.positionAt(doc.getText().indexOf('"name"') + 2);
    const expected = (schema().properties.name.markdownDescription ?? schema().properties.name.description ?? '').slice(
      0,
      30,
    );
    assert.ok(expected.length > 10, 'the schema describes "name"');
    const text = await waitFor(
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          doc.uri,
          onName,
        );
        const all = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
        return all.includes(expected) ? all : undefined;
      },
      { timeout: LANGUAGE_SERVER_MS, message: `a hover containing ${JSON.stringify(expected)}` },
    );
    assert.ok(text.length > 0);
  });

  test('New Webhook Macro creates a file that validates, under a unique name, and can be undone', async () => {
    const args = { template: 'slack', name: 'Host test: Slack!', folder: workspacePath('created') };
    const uri = await vscode.commands.executeCommand<vscode.Uri>('ccmacro.newMacro', args);
    assert.ok(uri, 'the command returns the new file');
    assert.ok(uri.path.endsWith('/created/host-test-slack.ccmacro.json'), uri.toString());
    const again = await vscode.commands.executeCommand<vscode.Uri>('ccmacro.newMacro', args);
    assert.ok(again.path.endsWith('/created/host-test-slack-2.ccmacro.json'), `no overwrite: ${again.toString()}`);

    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.languageId, 'ccmacro');
    assert.ok(!doc.isDirty, 'saved to disk');
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), /"name": "Host test: Slack!"/);
    const editor = await vscode.window.showTextDocument(doc);

    // Break it (GET with a body), see ccmacro flag it, then undo and see every error go: the template is valid.
    const method = doc.getText().indexOf('"POST"');
    await editor.edit(b => b.replace(new vscode.Range(doc.positionAt(method), doc.positionAt(method + 6)), '"GET"'));
    await waitFor(() => errorsOf(uri).some(d => d.code === 'request/body-with-get'), { message: describe(uri) });
    await vscode.commands.executeCommand('undo');
    assert.match(doc.getText(), /"method": "POST"/);
    await waitFor(() => errorsOf(uri).length === 0, { timeout: LANGUAGE_SERVER_MS, message: describe(uri) });
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), '', 'undo again removes the inserted template');
  });
});
