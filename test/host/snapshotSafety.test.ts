import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, waitFor, workspacePath } from './util';

interface TestState {
  items: Array<{ id: string; label: string; error?: string; children: Array<{ id: string }> }>;
  results: Record<string, { state: string; messages: Array<{ message: string; uri?: string; line?: number }> }>;
}

const MACRO = 'safety/linked.ccmacro.json';
const state = () => vscode.commands.executeCommand<TestState>('ccmacro.test.snapshotTests');
const run = (ids: string[]) => vscode.commands.executeCommand('ccmacro.test.runSnapshotTests', ids);

suite('snapshot safety: the Testing view and Update Snapshot never write through a link', () => {
  // In code-server the workspace is on this machine: its vscode-remote URIs' paths are local paths.
  const snapshotFile = () => workspacePath('safety/linked.snap.http').path;
  const fileId = () => workspacePath(MACRO).toString();
  let outside = '';

  suiteSetup(async () => {
    await vscode.extensions.getExtension('ccmacro.ccmacro')?.activate();
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-outside-'));
  });
  suiteTeardown(() => {
    fs.rmSync(snapshotFile(), { force: true });
    fs.rmSync(workspacePath('safety/far.ccmacro.json').path, { force: true });
    fs.rmSync(workspacePath('safety/elsewhere.ccmacro.json').path, { force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });
  teardown(closeAllEditors);

  async function listed(): Promise<void> {
    await vscode.commands.executeCommand('workbench.view.testing.focus');
    await waitFor(async () => (await state()).items.some(i => i.id === fileId()), {
      timeout: 20000,
      message: 'the safety macro in the Testing view',
    });
  }

  test('a snapshot that links outside is not created, not overwritten and not read; the run says why', async function () {
    this.timeout(60000);
    await listed();
    const missing = path.join(outside, 'authorized_keys');
    const existing = path.join(outside, 'notes.txt');
    fs.writeFileSync(existing, 'mine\n');
    for (const target of [missing, existing]) {
      fs.rmSync(snapshotFile(), { force: true });
      fs.symlinkSync(target, snapshotFile());

      await run([fileId()]);
      const s = await state();
      const file = s.results[fileId()];
      assert.strictEqual(file?.state, 'failed', JSON.stringify(s.results));
      assert.match(file.messages[0].message, /linked\.snap\.http is a symbolic link, .*\[snapshot\/link\]/);
      assert.strictEqual(file.messages[0].uri, workspacePath('safety/linked.snap.http').toString());
      const child = s.items.find(i => i.id === fileId())!.children[0];
      assert.strictEqual(s.results[child.id]?.state, 'errored', 'the item is not compared');

      const updated = await vscode.commands.executeCommand<boolean>('ccmacro.updateSnapshot', fileId());
      assert.strictEqual(updated, false, 'Update Snapshot refuses');
      assert.ok(!fs.existsSync(missing), 'nothing created behind the link');
      assert.strictEqual(fs.readFileSync(existing, 'utf8'), 'mine\n', 'nothing written through the link');
      assert.ok(fs.lstatSync(snapshotFile()).isSymbolicLink(), 'the link is left as it was');
    }

    // Without the link, the run writes a real snapshot file (atomically) and passes.
    fs.rmSync(snapshotFile());
    await run([fileId()]);
    const s = await state();
    const child = s.items.find(i => i.id === fileId())!.children[0];
    assert.strictEqual(s.results[child.id]?.state, 'passed', JSON.stringify(s.results));
    assert.ok(fs.lstatSync(snapshotFile()).isFile());
    assert.match(fs.readFileSync(snapshotFile(), 'utf8'), /^ssh-ed25519 AAAA written through a link$/m);
    assert.deepStrictEqual(
      fs.readdirSync(path.dirname(snapshotFile())).filter(f => f.endsWith('.tmp')),
      [],
    );
  });

  test('a macro file that links outside the workspace folder is listed with why, never read nor run', async function () {
    this.timeout(60000);
    const target = path.join(outside, 'private.ccmacro.json');
    fs.writeFileSync(
      target,
      JSON.stringify({ name: 'PRIVATE NAME', request: { method: 'POST', url: 'https://private.test/', body: {} } }),
    );
    const link = workspacePath('safety/elsewhere.ccmacro.json');
    fs.symlinkSync(target, link.path);
    await vscode.commands.executeCommand('workbench.view.testing.focus');
    let seen: TestState['items'] = [];
    const item = await waitFor(
      async () => (seen = (await state()).items).find(i => i.id === link.toString() && i.error),
      { timeout: 20000, message: () => `the linked macro listed with an error; have ${JSON.stringify(seen)}` },
    );
    assert.match(item.error!, /^Not tested: it is outside the workspace folder/);
    assert.notStrictEqual(item.label, 'PRIVATE NAME', 'its name is not read');
    await run([link.toString()]);
    const s = await state();
    assert.deepStrictEqual(s.items.find(i => i.id === link.toString())!.children, [], 'no sample items listed');
    assert.ok(!fs.existsSync(workspacePath('safety/elsewhere.snap.http').path), 'no snapshot written');
  });

  test('a sample outside the workspace folder: a warning on its entry, refused by the Testing view unless the user allows it', async function () {
    this.timeout(60000);
    const secret = path.join(outside, 'secret.sample.json');
    fs.writeFileSync(secret, JSON.stringify([{ Title: 'TOPSECRET from outside' }]));
    const macroFile = workspacePath('safety/far.ccmacro.json').path;
    fs.writeFileSync(
      macroFile,
      JSON.stringify(
        {
          name: 'Far sample',
          request: { method: 'POST', url: 'https://x.test/far', bodyFormat: 'text', body: '((Title))' },
          samples: [secret],
        },
        null,
        2,
      ),
    );
    const uri = workspacePath('safety/far.ccmacro.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const outsideDiagnostics = () =>
      vscode.languages.getDiagnostics(uri).filter(d => d.source === 'ccmacro' && d.code === 'sample/outside');
    const [warning] = await waitFor(() => (outsideDiagnostics().length ? outsideDiagnostics() : undefined), {
      message: () => `a sample/outside diagnostic; have ${JSON.stringify(vscode.languages.getDiagnostics(uri))}`,
    });
    assert.strictEqual(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(doc.getText(warning.range), JSON.stringify(secret), 'on the samples entry');
    assert.match(warning.message, /is outside the workspace folder: the preview reads it, but the Testing view/);

    const id = uri.toString();
    await vscode.commands.executeCommand('workbench.view.testing.focus');
    await waitFor(async () => (await state()).items.some(i => i.id === id), { timeout: 20000 });
    await run([id]);
    let s = await state();
    assert.strictEqual(s.results[id]?.state, 'failed', JSON.stringify(s.results[id]));
    assert.match(
      s.results[id].messages[0].message,
      /is outside the workspace folder, so ccmacro does not read it.*\[sample\/outside\]/,
    );
    const snapshot = workspacePath('safety/far.snap.http').path;
    assert.ok(!fs.existsSync(snapshot) || !fs.readFileSync(snapshot, 'utf8').includes('TOPSECRET'));

    const config = vscode.workspace.getConfiguration('ccmacro');
    await config.update('samples.allowOutsideWorkspace', true, vscode.ConfigurationTarget.Global);
    try {
      await waitFor(() => outsideDiagnostics().length === 0, { message: 'the warning gone once allowed' });
      await run([id]);
      s = await state();
      const child = s.items.find(i => i.id === id)!.children[0];
      assert.strictEqual(s.results[child.id]?.state, 'passed', JSON.stringify(s.results));
      assert.match(fs.readFileSync(snapshot, 'utf8'), /^TOPSECRET from outside$/m);
    } finally {
      await config.update('samples.allowOutsideWorkspace', undefined, vscode.ConfigurationTarget.Global);
      fs.rmSync(snapshot, { force: true });
    }
  });
});
