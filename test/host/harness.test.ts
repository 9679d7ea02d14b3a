import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { workspacePath } from './util';

// Checks the harness itself: the extension under development and the fixture workspace are what the other suites assume.
suite('host harness', () => {
  test('runs the extension under development in a trusted copy of the fixture workspace', async () => {
    const ext = vscode.extensions.getExtension('ccmacro.ccmacro');
    assert.ok(ext, 'extension ccmacro.ccmacro is loaded');
    assert.strictEqual(vscode.workspace.isTrusted, true);
    const stat = await vscode.workspace.fs.stat(workspacePath('macros/escalate-to-slack.ccmacro.json'));
    assert.strictEqual(stat.type, vscode.FileType.File);
  });
});
