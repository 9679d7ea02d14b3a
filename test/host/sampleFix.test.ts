import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { ccmacroDiagnostics, closeAllEditors, openFixture, waitFor, workspacePath } from './util';

// Completion offers ((Ticket Link)) because another macro saves it (External Data); a macro without samples then
// has no value for it (render/missing-tag). The quick fix creates a sample with it, through one WorkspaceEdit.
suite('External Data tag without a sample value: the quick fix', () => {
  const saver = workspacePath('extdata/create-ticket.ccmacro.json');
  const user = workspacePath('extdata/comment.ccmacro.json');
  const sample = workspacePath('extdata/samples/comment.sample.json');
  const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));

  suiteSetup(async () => {
    await write(
      saver,
      '{\n  "name": "Create ticket",\n  "request": { "method": "POST", "url": "https://tickets.example.test/" },\n  "returnValues": { "link": "Ticket Link" }\n}\n',
    );
    await write(
      user,
      '{\n  "name": "Comment",\n  "request": {\n    "method": "POST",\n    "url": "https://tickets.example.test/comment",\n    "body": { "text": "See ((Ticket Link)) for ((Title))" }\n  }\n}\n',
    );
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    await Promise.resolve(
      vscode.workspace.fs.delete(workspacePath('extdata'), { recursive: true, useTrash: false }),
    ).catch(() => undefined);
  });

  test('render/missing-tag on ((Ticket Link)) offers "Create samples/comment.sample.json …", and after it the macro renders', async function () {
    this.timeout(60000);
    const { doc } = await openFixture('extdata/comment.ccmacro.json');
    const missing = await waitFor(() => ccmacroDiagnostics(doc.uri, 'render/missing-tag')[0], {
      timeout: 30000,
      message: () =>
        `a render/missing-tag diagnostic; have ${ccmacroDiagnostics(doc.uri)
          .map(d => d.code)
          .join(', ')}`,
    });
    assert.strictEqual(doc.getText(missing.range), '((Ticket Link))');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      missing.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find(a => a.title.startsWith('Create samples/comment.sample.json'));
    assert.ok(fix?.edit, `quick fixes: ${actions.map(a => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /"samples": \[\s*"samples\/comment\.sample\.json"\s*\]/);
    const sampleDoc = await vscode.workspace.openTextDocument(sample);
    const values = JSON.parse(sampleDoc.getText());
    assert.strictEqual(values['Ticket Link'], 'Example Ticket Link');
    // The edit is the user's to keep: saved, the macro checks clean (no error).
    await sampleDoc.save();
    await doc.save();
    await waitFor(() => !ccmacroDiagnostics(doc.uri).some(d => d.severity === vscode.DiagnosticSeverity.Error), {
      timeout: 30000,
      message: () =>
        ccmacroDiagnostics(doc.uri)
          .map(d => `${String(d.code)} ${d.message}`)
          .join('\n'),
    });
  });
});
