import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, waitFor, workspacePath } from './util';

interface TestState {
  items: Array<{ id: string; children: Array<{ id: string }> }>;
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
});
