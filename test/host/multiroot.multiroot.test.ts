import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { PreviewModel } from '../../src/core/preview/messages';
import { MemFs } from './memFs';
import { closeAllEditors, waitFor } from './util';

// A window with two folders (test/host/multiroot/ccmacro.code-workspace), run as a pass of its own: a macro in the
// second folder is checked, completed and previewed with its own folder's tag catalog and samples, and listed in the
// Testing view; a third folder on another file system, added while the window is open, is checked too. Each file
// maps to one core path and back (src/core/common/uriPath.ts), whatever the first folder is.

const SCHEME = 'ccmacro-test-multiroot';
const second = (rel: string) =>
  vscode.Uri.joinPath(vscode.workspace.workspaceFolders![1].uri, ...rel.split('/').filter(Boolean));
const corePath = (uri: vscode.Uri) => vscode.commands.executeCommand<string>('ccmacro.test.corePath', uri.toString());
const tagDiagnostics = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter(d => d.source === 'ccmacro' && d.code === 'tag/unknown');
const describeDiagnostics = (uri: vscode.Uri) => () =>
  `diagnostics now: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map(d => `${String(d.code ?? '')} ${d.message}`))}`;

const bodyText = (model: PreviewModel | undefined) => model?.request?.body?.segments.map(x => x.text).join('') ?? '';

interface TestState {
  items: Array<{ id: string; label: string; children: Array<{ id: string; label: string }> }>;
  results: Record<string, { state: string }>;
}

suite('a window with two folders (multi-root)', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension('ccmacro.ccmacro')?.activate();
  });
  suiteTeardown(closeAllEditors);

  test('the window has two folders, each file mapped to its own path on this machine', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.deepStrictEqual(
      folders.map(f => f.name),
      ['first', 'second'],
    );
    const macro = second('macros/train.ccmacro.json');
    assert.strictEqual(await corePath(macro), macro.fsPath, 'a file of the window maps to its own path');
  });

  test("a macro in the second folder is checked with that folder's tag catalog", async () => {
    const doc = await vscode.workspace.openTextDocument(second('macros/unknown.ccmacro.json'));
    await vscode.window.showTextDocument(doc);
    const unknown = await waitFor(() => (tagDiagnostics(doc.uri).length ? tagDiagnostics(doc.uri) : undefined), {
      timeout: 20000,
      message: describeDiagnostics(doc.uri),
    });
    assert.deepStrictEqual(
      unknown.map(d => doc.getText(d.range)),
      ['((Nowhere Tag))'],
      '((Release Train)) is known from second/.ccmacro/tags.json',
    );
  });

  test("completion offers the second folder's catalog tags", async () => {
    const doc = await vscode.workspace.openTextDocument(second('macros/unknown.ccmacro.json'));
    const position = doc.positionAt(doc.getText().indexOf('"(( "') + 3);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      position,
      '(',
    );
    const labels = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('Release Train'), `completion offers: ${labels.slice(0, 20).join(', ')}…`);
  });

  test('the preview renders a second-folder macro with its own sample', async function () {
    this.timeout(60000);
    const macro = second('macros/train.ccmacro.json');
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide', macro);
    let last: { model?: PreviewModel } | undefined;
    const state = await waitFor(
      async () => {
        last = await vscode.commands.executeCommand<{ model?: PreviewModel } | undefined>('ccmacro.test.previewState');
        return bodyText(last?.model).includes('R42') ? last : undefined;
      },
      {
        timeout: 25000,
        interval: 200,
        message: () =>
          `the preview of the second-folder macro; last model: ${JSON.stringify(last?.model)?.slice(0, 800)}`,
      },
    );
    assert.match(bodyText(state.model), /Crash on start on R42/);
    assert.strictEqual(state.model!.selectedSample, `${await corePath(second('macros/samples/train.sample.json'))}#0`);
  });

  test("the Testing view lists the second folder's macros with their sample items, and runs them", async function () {
    this.timeout(60000);
    const id = second('macros/train.ccmacro.json').toString();
    const state = () => vscode.commands.executeCommand<TestState>('ccmacro.test.snapshotTests');
    await vscode.commands.executeCommand('workbench.view.testing.focus');
    await waitFor(async () => (await state()).items.some(i => i.id === id), {
      timeout: 20000,
      message: 'the second-folder macro in the Testing view',
    });
    await vscode.commands.executeCommand('ccmacro.test.runSnapshotTests', [id]);
    const s = await state();
    const file = s.items.find(i => i.id === id);
    assert.ok(file, `listed: ${s.items.map(i => i.id).join(', ')}`);
    assert.strictEqual(file.label, 'Second folder macro');
    assert.deepStrictEqual(
      file.children.map(c => c.label),
      ['[0] Crash on start', '[1] Slow sync'],
    );
    for (const c of file.children) assert.strictEqual(s.results[c.id]?.state, 'passed', `${c.label}`);
    assert.ok(
      s.items.some(
        i =>
          i.id ===
          vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'macros/first.ccmacro.json').toString(),
      ),
      'the first folder is listed too',
    );
  });

  test('a third folder on another file system, added while the window is open, is checked too', async function () {
    this.timeout(60000);
    const mem = new MemFs(SCHEME);
    const registration = vscode.workspace.registerFileSystemProvider(SCHEME, mem, { isCaseSensitive: true });
    try {
      mem.put(
        '/.ccmacro/tags.json',
        JSON.stringify({ tags: [{ name: 'Memory Only', scope: 'feedback', type: 'text', description: 'x' }] }),
      );
      const macro = mem.put(
        '/macros/mem.ccmacro.json',
        JSON.stringify({
          name: 'Mem',
          request: { method: 'POST', url: 'https://x.test/', body: { t: '((Memory Only)) ((Not Here))' } },
        }),
      );
      const root = vscode.Uri.from({ scheme: SCHEME, path: '/' });
      const added = new Promise<void>(resolve => {
        const sub = vscode.workspace.onDidChangeWorkspaceFolders(() => {
          sub.dispose();
          resolve();
        });
      });
      assert.ok(vscode.workspace.updateWorkspaceFolders(2, 0, { uri: root, name: 'memory' }));
      await added;
      assert.strictEqual(await corePath(macro), `/${SCHEME}:/macros/mem.ccmacro.json`);
      const doc = await vscode.workspace.openTextDocument(macro);
      await vscode.window.showTextDocument(doc);
      const unknown = await waitFor(() => (tagDiagnostics(doc.uri).length ? tagDiagnostics(doc.uri) : undefined), {
        timeout: 20000,
        message: describeDiagnostics(doc.uri),
      });
      assert.deepStrictEqual(
        unknown.map(d => doc.getText(d.range)),
        ['((Not Here))'],
        '((Memory Only)) is known from the memory folder’s catalog',
      );
    } finally {
      await closeAllEditors();
      vscode.workspace.updateWorkspaceFolders(2, 1);
      registration.dispose();
    }
  });
});
