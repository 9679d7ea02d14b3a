import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { ccmacroDiagnostics, closeAllEditors, waitFor, workspacePath } from './util';

/**
 * Issue 19: a project that writes its tags [[Tag]] (`.ccmacro/config.json` "tagSyntax": "brackets"). Completion is
 * triggered by [[, a file written the other way gets one warning whose quick fix converts it as one undoable edit, and
 * "ccmacro: Convert Tag Syntax…" converts a folder's macros and its setting together.
 */
const BRACKETS = '{\n  // the newer platform\n  "tagSyntax": "brackets"\n}\n';

async function write(rel: string, text: string): Promise<vscode.Uri> {
  const uri = workspacePath(rel);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

const macro = (name: string, text: string) =>
  JSON.stringify(
    { name, samples: ['s.sample.json'], request: { method: 'POST', url: 'https://example.test/hook', body: { text } } },
    null,
    2,
  ) + '\n';

const SAMPLE = JSON.stringify([{ Title: 'Crash on save', 'Submitter Name': 'Dana Whitfield' }]);

suite('tag syntax: a brackets project', () => {
  suiteSetup(async function () {
    this.timeout(60000);
    await vscode.extensions.getExtension('ccmacro.ccmacro')?.activate();
    for (const dir of ['syntax/complete', 'syntax/fix', 'syntax/convert']) {
      await write(`${dir}/.ccmacro/config.json`, BRACKETS);
      await write(`${dir}/s.sample.json`, SAMPLE);
    }
    await write('syntax/complete/new.ccmacro.json', macro('Complete', 'Hello [[Sub'));
    await write('syntax/fix/other.ccmacro.json', macro('Other', 'New: ((Title)) from ((Submitter Name)) \\[[kept'));
    await write('syntax/convert/one.ccmacro.json', macro('One', 'New: [[Title]] \\((kept'));
    await write('syntax/convert/deeper/two.ccmacro.json', macro('Two', '[[Submitter Name]] said [[Title]]'));
    await write('syntax/convert/deeper/s.sample.json', SAMPLE);
  });

  teardown(async () => {
    for (const d of vscode.workspace.textDocuments.filter(x => x.isDirty)) {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await closeAllEditors();
  });

  test('typing [[ offers the tags, each inserted as [[Name]]', async () => {
    const doc = await vscode.workspace.openTextDocument(workspacePath('syntax/complete/new.ccmacro.json'));
    await vscode.window.showTextDocument(doc);
    const at = doc.positionAt(doc.getText().indexOf('[[Sub') + 2);
    let items: vscode.CompletionItem[] = [];
    const sub = await waitFor(
      async () =>
        (items = (
          await vscode.commands.executeCommand<vscode.CompletionList>(
            'vscode.executeCompletionItemProvider',
            doc.uri,
            at,
            '[',
          )
        ).items).find(i => i.label === 'Submitter Name'),
      { message: () => `Submitter Name among ${items.map(i => JSON.stringify(i.label)).join(', ')}` },
    );
    assert.strictEqual(sub.insertText, '[[Submitter Name]]');
    const range = sub.range instanceof vscode.Range ? sub.range : sub.range?.replacing;
    assert.ok(range);
    assert.strictEqual(doc.getText(range), '[[Sub', 'replaces what was typed, from [[');
    // No other-syntax warning for the file's [[tags]]; its unfinished [[Sub is unterminated, in brackets.
    const unterminated = await waitFor(() => ccmacroDiagnostics(doc.uri, 'tag/unterminated')[0]);
    assert.match(unterminated.message, /This \[\[ is not closed: add \]\]/);
    assert.deepStrictEqual(ccmacroDiagnostics(doc.uri, 'tag/other-syntax'), []);
  });

  test('((tags)) in a brackets project: one warning, whose quick fix converts the file as one undoable edit', async () => {
    const doc = await vscode.workspace.openTextDocument(workspacePath('syntax/fix/other.ccmacro.json'));
    const editor = await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    const warning = await waitFor(() => ccmacroDiagnostics(doc.uri, 'tag/other-syntax')[0]);
    assert.strictEqual(ccmacroDiagnostics(doc.uri, 'tag/other-syntax').length, 1, 'one warning per file');
    assert.strictEqual(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(doc.getText(warning.range), '((Title))', 'at the first one');
    assert.match(warning.message, /and 1 more in this file/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      warning.range,
    );
    const fix = actions.find(a => /^Convert this file's tags to \[\[Tag\]\]/.test(a.title));
    assert.ok(fix?.edit, `a convert fix among ${actions.map(a => a.title).join(' | ')}`);
    assert.ok(fix.isPreferred);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(
      doc.getText(),
      original.replace('((Title))', '[[Title]]').replace('((Submitter Name))', '[[Submitter Name]]'),
      'tags converted; the escape and everything else kept',
    );
    await waitFor(() => ccmacroDiagnostics(doc.uri, 'tag/other-syntax').length === 0, {
      message: () => 'the warning goes away',
    });
    await vscode.window.showTextDocument(doc, editor.viewColumn);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), original, 'one undo gives the file back');
  });

  test('Convert Tag Syntax… converts a folder\u2019s macros and its .ccmacro/config.json together, undoably', async () => {
    const folder = workspacePath('syntax/convert');
    const said = await vscode.commands.executeCommand<string>('ccmacro.convertTagSyntax', {
      folder: folder.toString(),
      syntax: 'parentheses',
    });
    assert.match(said ?? '', /^Converted 3 tags in 2 macros to \(\(Tag\)\), and set "tagSyntax": "parentheses" in /);
    const text = async (rel: string) => (await vscode.workspace.openTextDocument(workspacePath(rel))).getText();
    assert.match(await text('syntax/convert/one.ccmacro.json'), /"New: \(\(Title\)\) \\\\\(\(kept"/);
    assert.match(await text('syntax/convert/deeper/two.ccmacro.json'), /"\(\(Submitter Name\)\) said \(\(Title\)\)"/);
    assert.strictEqual(
      await text('syntax/convert/.ccmacro/config.json'),
      BRACKETS.replace('"brackets"', '"parentheses"'),
      'the setting changed, its comment kept',
    );
    // The converted macros are clean in their project's new syntax.
    const one = await vscode.workspace.openTextDocument(workspacePath('syntax/convert/one.ccmacro.json'));
    await vscode.window.showTextDocument(one);
    await vscode.workspace.saveAll(false);
    await waitFor(() => ccmacroDiagnostics(one.uri).filter(d => String(d.code).startsWith('tag/')).length === 0, {
      message: () => JSON.stringify(ccmacroDiagnostics(one.uri).map(d => d.message)),
    });

    // Converting a folder whose macros share the setting with one outside it is refused, and nothing changes.
    const refused = await vscode.commands.executeCommand<string>('ccmacro.convertTagSyntax', {
      folder: workspacePath('syntax/convert/deeper').toString(),
      syntax: 'brackets',
    });
    assert.match(refused ?? '', /one\.ccmacro\.json: this macro uses the same project setting .*\[convert\/left-out\]/);
    assert.match(await text('syntax/convert/deeper/two.ccmacro.json'), /"\(\(Submitter Name\)\) said \(\(Title\)\)"/);
  });
});
