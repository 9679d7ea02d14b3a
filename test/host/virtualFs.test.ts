import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { PreviewModel } from '../../src/core/preview/messages';
import { MemFs } from './memFs';
import { startTestServer, type TestServer } from './sendServer';
import { closeAllEditors, waitFor } from './util';

// package.json declares virtual workspaces supported (limited): checks, completion, the preview and test sends work
// on any file system VS Code reads. Here the macro, its sample and the tag catalog live only on an in-memory file
// system under a scheme of its own (what a virtual workspace's provider is to VS Code), not on the workspace's disk.

const SCHEME = 'ccmacro-test-mem';
const SAMPLE = JSON.stringify([{ Title: 'Read from memory', 'Mem Only Field': 'mem-value-42' }], null, 2);
const CATALOG = JSON.stringify({
  tags: [{ name: 'Mem Catalog Tag', scope: 'feedback', type: 'text', description: 'Only in the memory catalog.' }],
});

function macro(url: string, text: string): string {
  return JSON.stringify(
    {
      name: 'From memory',
      scope: 'feedback',
      request: {
        method: 'POST',
        url,
        headers: { 'Content-Type': 'application/json' },
        bodyFormat: 'json',
        body: { text },
      },
      samples: ['../samples/mem.sample.json'],
    },
    null,
    2,
  );
}

const describeDiagnostics = (uri: vscode.Uri) => () =>
  `diagnostics now: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map(d => `${String(d.code ?? '')} ${d.message}`))}`;

suite('a macro on a file system that is not the disk (virtual workspaces)', () => {
  const mem = new MemFs(SCHEME);
  let registration: vscode.Disposable;
  let server: TestServer;
  let checked: vscode.Uri;
  let sendable: vscode.Uri;

  suiteSetup(async () => {
    registration = vscode.workspace.registerFileSystemProvider(SCHEME, mem, { isCaseSensitive: true });
    server = await startTestServer();
    mem.put('/.ccmacro/tags.json', CATALOG);
    mem.put('/samples/mem.sample.json', SAMPLE);
    checked = mem.put(
      '/macros/checked.ccmacro.json',
      macro('https://example.test/hook', '((Mem Only Field)) ((Mem Catalog Tag)) ((Nope Not A Tag)) (('),
    );
    sendable = mem.put('/macros/send.ccmacro.json', macro(`${server.url}/ok`, 'Got ((Mem Only Field)): ((Title))'));
  });

  suiteTeardown(async () => {
    await closeAllEditors();
    await server?.close();
    registration?.dispose();
  });

  test('ccmacro checks it, with its sample and tag catalog read from that file system', async () => {
    const doc = await vscode.workspace.openTextDocument(checked);
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'ccmacro');
    const unknown = () =>
      vscode.languages.getDiagnostics(doc.uri).filter(d => d.source === 'ccmacro' && d.code === 'tag/unknown');
    const nope = await waitFor(() => unknown().find(d => /Nope Not A Tag/.test(d.message)), {
      timeout: 15000,
      message: describeDiagnostics(doc.uri),
    });
    assert.strictEqual(doc.getText(nope.range), '((Nope Not A Tag))');
    // The same check knew the sample's key and the catalog's tag: both were read from the memory file system.
    assert.deepStrictEqual(
      unknown()
        .map(d => d.message)
        .filter(m => /Mem /.test(m)),
      [],
      describeDiagnostics(doc.uri)(),
    );
    assert.ok(mem.reads.includes('/samples/mem.sample.json'), `reads: ${mem.reads.join(', ')}`);
    assert.ok(mem.reads.includes('/.ccmacro/tags.json'), `reads: ${mem.reads.join(', ')}`);
  });

  test('tag completion offers the sample keys and catalog tags of that file system', async () => {
    const doc = await vscode.workspace.openTextDocument(checked);
    const pos = doc.positionAt(doc.getText().lastIndexOf('((') + 2);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      pos,
      '(',
    );
    const labels = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const tag of ['Mem Only Field', 'Mem Catalog Tag', 'Title'])
      assert.ok(labels.includes(tag), `${tag} in ${labels.join(', ')}`);
  });

  test('the preview renders it with that sample, and a test send posts it', async () => {
    const doc = await vscode.workspace.openTextDocument(sendable);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide');
    const model = await waitFor(
      async () => {
        const s = await vscode.commands.executeCommand<{ model?: PreviewModel } | undefined>(
          'ccmacro.test.previewState',
        );
        return s?.model?.documentUri === doc.uri.toString() && s.model.request ? s.model : undefined;
      },
      { timeout: 25000, message: 'the preview of the memory macro' },
    );
    const body = model.request!.body!.segments.map(s => s.text).join('');
    assert.match(body, /Got mem-value-42: Read from memory/);
    assert.deepStrictEqual(model.problems, []);

    await vscode.window.showTextDocument(doc);
    const before = server.requests.length;
    const out = await vscode.commands.executeCommand<{ outcome: string; status?: number }>(
      'ccmacro.sendTestWebhook',
      doc.uri,
    );
    assert.strictEqual(out.outcome, 'sent', JSON.stringify(out));
    assert.strictEqual(out.status, 200);
    assert.deepStrictEqual(JSON.parse(server.requests[before].body), { text: 'Got mem-value-42: Read from memory' });
  });
});
