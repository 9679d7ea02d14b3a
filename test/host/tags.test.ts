import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAllEditors, openFixture, waitFor } from './util';

const MACRO = 'tags/tag-features.ccmacro.json';

/** The position just after `marker` (or at `marker` + shift) in the document. */
function after(doc: vscode.TextDocument, marker: string, shift = marker.length): vscode.Position {
  const i = doc.getText().indexOf(marker);
  assert.ok(i >= 0, `fixture holds ${marker}`);
  return doc.positionAt(i + shift);
}

async function completions(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.CompletionItem[]> {
  // Resolve the items too: tag documentation is filled in by resolveCompletionItem, as for the item in focus.
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    pos,
    '(',
    500,
  );
  return list.items;
}

function rangeOf(item: vscode.CompletionItem): vscode.Range {
  const r = item.range;
  assert.ok(r, 'item has a range');
  return r instanceof vscode.Range ? r : r.replacing;
}

function docText(item: vscode.CompletionItem): string {
  const d = item.documentation;
  return typeof d === 'string' ? d : (d?.value ?? '');
}

function tagDiagnostics(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter(d => d.source === 'ccmacro' && String(typeof d.code === 'object' ? d.code.value : d.code) === code);
}

suite('tags', () => {
  // Opening a macro activates the extension; make sure its providers are registered before asking them.
  suiteSetup(async () => {
    await vscode.extensions.getExtension('ccmacro.ccmacro')?.activate();
  });

  // Each test edits the fixture (and the last one the catalog): revert, so the next test starts clean.
  teardown(async () => {
    for (const d of vscode.workspace.textDocuments.filter(x => x.isDirty)) {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await closeAllEditors();
  });

  test('completion at (( offers tags with type, description and sample value, and inserts the whole tag', async () => {
    const { doc, editor } = await openFixture(MACRO);
    const pos = after(doc, '"Hello ((');
    let items: vscode.CompletionItem[] = [];
    const sub = await waitFor(
      async () => (items = await completions(doc, pos)).find(i => i.label === 'Submitter Name'),
      {
        message: () =>
          `Submitter Name among ${items.length} items: ${items
            .slice(0, 10)
            .map(i => JSON.stringify(i.label))
            .join(', ')}`,
      },
    );
    assert.ok(!items.some(i => i.label === 'First Name'), 'user tags are not offered in a feedback macro');
    assert.ok(
      items.some(i => i.label === 'Region'),
      'project catalog tag offered',
    );
    assert.strictEqual(sub.insertText, '((Submitter Name))');
    assert.strictEqual(sub.detail, 'text · feedback tag');
    assert.match(docText(sub), /Sample value \(samples\/bug\.sample\.json \[0\]\): `Dana Whitfield`/);
    const range = rangeOf(sub);
    assert.strictEqual(doc.getText(range), '((');
    await editor.edit(e => e.replace(range, String(sub.insertText)));
    assert.match(doc.getText(), /"open": "Hello \(\(Submitter Name\)\)"/);
  });

  test('completion in the middle of a name replaces through the existing )) without doubling them', async () => {
    const { doc, editor } = await openFixture(MACRO);
    const pos = after(doc, '"by ((Sub');
    const items = await completions(doc, pos);
    const sub = items.find(i => i.label === 'Submitter Name');
    assert.ok(sub);
    const range = rangeOf(sub);
    assert.strictEqual(doc.getText(range), '((Sub))');
    assert.ok(range.contains(pos));
    await editor.edit(e => e.replace(range, String(sub.insertText)));
    assert.match(doc.getText(), /"mid": "by \(\(Submitter Name\)\)"/);
  });

  test('hover on a tag shows its description, type, source and sample value', async () => {
    const { doc } = await openFixture(MACRO);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      after(doc, '((Submitter N'),
    );
    const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n---\n');
    assert.match(text, /\*\*\(\(Submitter Name\)\)\*\* — text · feedback tag/);
    assert.match(text, /The full name of the person who submitted the feedback\./);
    assert.match(text, /Sample value \(samples\/bug\.sample\.json \[0\]\): `Dana Whitfield`/);
    assert.match(text, /Defined in: built-in catalog, sample file samples\/bug\.sample\.json/);
  });

  test('go to definition opens the project catalog entry', async () => {
    const { doc } = await openFixture(MACRO);
    const defs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider',
      doc.uri,
      after(doc, 'in ((Reg'),
    );
    const targets = defs.map(d =>
      'targetUri' in d ? { uri: d.targetUri, range: d.targetRange } : { uri: d.uri, range: d.range },
    );
    const catalog = targets.find(t => t.uri.path.endsWith('/tags/.ccmacro/tags.json'));
    assert.ok(catalog, `definitions: ${targets.map(t => t.uri.path).join(', ')}`);
    const catalogDoc = await vscode.workspace.openTextDocument(catalog.uri);
    assert.match(catalogDoc.getText(catalog.range), /^\{ "name": "Region"/);
  });

  test('((Titel)) (no sample has it) gets one error with "did you mean", and the quick fix corrects it', async () => {
    const { doc } = await openFixture(MACRO);
    const diag = await waitFor(
      () =>
        tagDiagnostics(doc.uri, 'tag/unknown').find(
          d => d.message.includes('((Titel))') && d.severity === vscode.DiagnosticSeverity.Error,
        ),
      { message: 'the tag/unknown error for ((Titel))' },
    );
    assert.strictEqual(
      diag.message,
      'Unknown tag ((Titel)). Did you mean ((Title))? No sample item has a value for it either, so the preview and a send with it stop here.',
    );
    assert.strictEqual(diag.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(diag.tags, undefined);
    // One typo, one problem: the render check's missing-tag error is folded into this one, as in `ccmacro validate`.
    assert.deepStrictEqual(
      vscode.languages
        .getDiagnostics(doc.uri)
        .filter(d => d.source === 'ccmacro' && doc.getText(d.range) === '((Titel))')
        .map(d => String(typeof d.code === 'object' ? d.code.value : d.code)),
      ['tag/unknown'],
    );
    assert.strictEqual(doc.getText(diag.range), '((Titel))');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diag.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find(a => a.title === 'Change to ((Title))');
    assert.ok(fix?.edit, `quick fixes: ${actions.map(a => a.title).join(' | ')}`);
    assert.strictEqual(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /"typo": "New: \(\(Title\)\)"/);
    await waitFor(() => !tagDiagnostics(doc.uri, 'tag/unknown').some(d => d.message.includes('Titel')), {
      message: 'the ((Titel)) diagnostic to go away',
    });
  });

  test('turning off ccmacro.tags.useBuiltinCatalog makes built-in tags unknown, and turning it on again known', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'tags/builtin-only.ccmacro.json');
    const macro = {
      name: 'Built-in only',
      request: { method: 'POST', url: 'https://example.invalid/hook', body: { link: '((Feedback URL))' } },
    };
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(macro, null, 2)));
    const { doc } = await openFixture('tags/builtin-only.ccmacro.json');
    const unknownLink = () => tagDiagnostics(doc.uri, 'tag/unknown').some(d => d.message.includes('((Feedback URL))'));
    const config = vscode.workspace.getConfiguration('ccmacro');
    const previous = config.inspect('tags.useBuiltinCatalog')?.workspaceValue;
    try {
      await waitFor(() => (tagDiagnostics(doc.uri, 'tag/unknown').length === 0 ? true : undefined), {
        message: 'no unknown tags with the built-in catalog on',
      });
      await config.update('tags.useBuiltinCatalog', false, vscode.ConfigurationTarget.Workspace);
      await waitFor(() => unknownLink() || undefined, { message: '((Feedback URL)) unknown with the catalog off' });
      await config.update('tags.useBuiltinCatalog', true, vscode.ConfigurationTarget.Workspace);
      await waitFor(() => !unknownLink() || undefined, { message: '((Feedback URL)) known again' });
    } finally {
      await vscode.workspace
        .getConfiguration('ccmacro')
        .update('tags.useBuiltinCatalog', previous, vscode.ConfigurationTarget.Workspace);
      await closeAllEditors();
    }
  });

  test('an unclosed (( is an error whose quick fix can escape it', async () => {
    const { doc } = await openFixture(MACRO);
    const diag = await waitFor(() => tagDiagnostics(doc.uri, 'tag/unterminated')[0], {
      message: 'tag/unterminated diagnostic',
    });
    assert.strictEqual(doc.getText(diag.range), '((');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diag.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const escape = actions.find(a => a.title === 'Keep (( as plain text (escape it)');
    assert.ok(escape?.edit, `quick fixes: ${actions.map(a => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(escape.edit));
    assert.match(doc.getText(), /"open": "Hello \\\\\(\("/);
    await waitFor(() => tagDiagnostics(doc.uri, 'tag/unterminated').length === 0, {
      message: 'the unterminated diagnostic to go away',
    });
  });

  test('"Add to .ccmacro/tags.json" adds the unknown tag to the nearest project catalog', async () => {
    const { doc } = await openFixture(MACRO);
    const diag = await waitFor(
      () => tagDiagnostics(doc.uri, 'tag/unknown').find(d => d.message.includes('Favourite Colour')),
      { message: 'tag/unknown for ((Favourite Colour))' },
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diag.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const add = actions.find(a => a.title === 'Add ((Favourite Colour)) to tags/.ccmacro/tags.json');
    assert.ok(add?.edit, `quick fixes: ${actions.map(a => a.title).join(' | ')}`);
    const catalogUri = vscode.Uri.joinPath(doc.uri, '..', '.ccmacro', 'tags.json');
    const original = (await vscode.workspace.openTextDocument(catalogUri)).getText();
    try {
      assert.ok(await vscode.workspace.applyEdit(add.edit));
      const catalog = await vscode.workspace.openTextDocument(catalogUri);
      assert.match(catalog.getText(), /"name": "Favourite Colour"/);
      assert.match(catalog.getText(), /"name": "Region"/);
      await waitFor(() => !tagDiagnostics(doc.uri, 'tag/unknown').some(d => d.message.includes('Favourite Colour')), {
        message: 'the ((Favourite Colour)) diagnostic to go away',
      });
    } finally {
      // VS Code saves files a workspace edit touched without an editor (files.refactoring.autoSave), so put the fixture back by hand.
      const catalog = await vscode.workspace.openTextDocument(catalogUri);
      const restore = new vscode.WorkspaceEdit();
      restore.replace(
        catalogUri,
        new vscode.Range(catalog.positionAt(0), catalog.positionAt(catalog.getText().length)),
        original,
      );
      await vscode.workspace.applyEdit(restore);
      await catalog.save();
    }
  });

  test('.ccmacro/tags.json is checked against the tag catalog schema, comments allowed', async () => {
    const { doc, editor } = await openFixture('tags/.ccmacro/tags.json');
    const anchor = doc.getText().indexOf('"tags": [');
    assert.ok(anchor >= 0, doc.getText());
    assert.ok(!doc.getText().includes('Favourite Colour'), "the previous test's catalog edit was reverted");
    await editor.edit(e =>
      e.insert(
        doc.positionAt(anchor + '"tags": ['.length),
        '\n    // our own fields\n    { "nam": "Typo", "scope": "everyone" },',
      ),
    );
    const problems = await waitFor(
      () => {
        const d = vscode.languages.getDiagnostics(doc.uri);
        return d.length >= 2 ? d : undefined;
      },
      {
        message: () =>
          `schema diagnostics in tags.json, have: ${vscode.languages
            .getDiagnostics(doc.uri)
            .map(d => d.message)
            .join(' | ')}`,
      },
    );
    const messages = problems.map(d => d.message).join(' | ');
    assert.match(messages, /"name"/, messages);
    assert.match(messages, /everyone|feedback, user, both|"feedback"/, messages);
    assert.ok(!/[Cc]omments are not permitted/.test(messages), messages);
  });
});
