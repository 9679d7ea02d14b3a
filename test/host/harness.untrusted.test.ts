import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { openFixture, waitFor } from './util';

// The untrusted pass (scripts/real-host/run.sh): the workspace stays in restricted mode, where ccmacro
// declares limited support, so it still loads and edits macros (sending is refused; see the send suites).
suite('host harness (untrusted workspace)', () => {
  test('ccmacro still activates for a macro in restricted mode', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    const { doc } = await openFixture('macros/escalate-to-slack.ccmacro.json');
    assert.strictEqual(doc.languageId, 'ccmacro');
    const ext = vscode.extensions.getExtension('ccmacro.ccmacro');
    assert.ok(ext, 'extension ccmacro.ccmacro is loaded');
    await waitFor(() => ext.isActive, { message: 'ccmacro to activate' });
  });
});
