import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { PreviewModel } from '../../src/core/preview/messages';
import { closeAllEditors, waitFor, workspacePath } from './util';

// Stale work is cancelled, not finished and dropped: the next keystroke cancels the check running for the text before
// it, and a newer render cancels the preview's render in progress. The macro's sample is large (about 8 MB), so a
// check or a render takes long enough to be overtaken.

const ITEMS = 200;
const MACRO = 'cancel/big.ccmacro.json';
/** The preview's own copy: the keystroke test leaves MACRO edited with tags no sample has (nothing renders). */
const PREVIEW_MACRO = 'cancel/preview.ccmacro.json';
const SAMPLE = 'cancel/big.sample.json';
const LONG = 'x'.repeat(40_000);

interface DiagnosticsStats {
  started: number;
  completed: number;
  cancelled: number;
}
interface PreviewState {
  model?: PreviewModel;
  renders: { completed: number; cancelled: number };
}

const stats = () => vscode.commands.executeCommand<DiagnosticsStats>('ccmacro.test.diagnosticsStats');
const previewState = (action?: { selectSample?: string }) =>
  vscode.commands.executeCommand<PreviewState | undefined>('ccmacro.test.previewState', action);

async function write(rel: string, text: string): Promise<vscode.Uri> {
  const uri = workspacePath(rel);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

suite('stale work is cancelled', () => {
  let macro: vscode.Uri;
  let previewMacro: vscode.Uri;
  let sample: vscode.Uri;

  suiteSetup(async () => {
    await vscode.extensions.getExtension('ccmacro.ccmacro')?.activate();
    const items = Array.from({ length: ITEMS }, (_, i) => ({ Title: `Item ${i}`, Long: `${i} ${LONG}` }));
    sample = await write(SAMPLE, JSON.stringify(items));
    const macroText = JSON.stringify(
      {
        name: 'Big sample',
        request: { method: 'POST', url: 'https://example.invalid/big', body: { t: '((Title))', l: '((Long))' } },
        samples: ['big.sample.json'],
      },
      null,
      2,
    );
    macro = await write(MACRO, macroText);
    previewMacro = await write(PREVIEW_MACRO, macroText);
  });

  suiteTeardown(async () => {
    for (const d of vscode.workspace.textDocuments.filter(x => x.isDirty)) {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await closeAllEditors();
  });

  test('the next keystroke cancels the check of the text before it; the last text gets its diagnostics', async function () {
    this.timeout(120000);
    const doc = await vscode.workspace.openTextDocument(macro);
    const editor = await vscode.window.showTextDocument(doc);
    await waitFor(async () => (await stats()).completed > 0, { timeout: 60000, message: 'the first check' });
    const typeAt = (text: string) =>
      editor.edit(e => e.insert(doc.positionAt(doc.getText().indexOf('((Title))')), text));
    const before = await stats();
    // Type, wait until the check of that text has started, and type again while it runs.
    for (let attempt = 0; attempt < 5 && (await stats()).cancelled === before.cancelled; attempt++) {
      const started = (await stats()).started;
      assert.ok(await typeAt(' '));
      await waitFor(async () => (await stats()).started > started, { timeout: 20000, interval: 5 });
      assert.ok(await typeAt(`((Stale ${attempt})) `));
    }
    const after = await stats();
    assert.ok(after.cancelled > before.cancelled, `no check was cancelled: ${JSON.stringify({ before, after })}`);
    // What is shown is the check of the last text: its newest unknown tag is flagged.
    const last = doc.getText().match(/\(\(Stale (\d+)\)\)/)![0];
    await waitFor(
      () =>
        vscode.languages.getDiagnostics(doc.uri).some(d => d.code === 'tag/unknown' && doc.getText(d.range) === last),
      { timeout: 60000, message: `the diagnostic for ${last}` },
    );
  });

  test('a newer render cancels the preview’s render in progress; the newest is shown', async function () {
    this.timeout(120000);
    await vscode.commands.executeCommand('ccmacro.openPreviewToSide', previewMacro);
    const first = await waitFor(async () => (await previewState())?.model?.request, {
      timeout: 60000,
      message: 'the first render',
    });
    assert.ok(first);
    const before = (await previewState())!.renders;
    const key = (i: number) => `${sample.fsPath}#${i}`;
    // Two picks in a row: the second comes while the first renders.
    await Promise.all([previewState({ selectSample: key(1) }), previewState({ selectSample: key(2) })]);
    const s = await waitFor(
      async () => {
        const now = await previewState();
        return now?.model?.selectedSample === key(2) ? now : undefined;
      },
      { timeout: 60000, message: 'the render of the second pick' },
    );
    assert.ok(s.renders.cancelled > before.cancelled, `no render was cancelled: ${JSON.stringify(s.renders)}`);
    const body = s.model!.request!.body!.segments.map(x => x.text).join('');
    assert.match(body, /"t": "Item 2"/);
  });
});
