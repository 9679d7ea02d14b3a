/**
 * Helpers for host tests. Wait for conditions with a deadline; never sleep a fixed time.
 * File URIs in code-server are vscode-remote://…, so build them from the workspace folder, not from paths.
 */
import * as fs from 'node:fs';
import type { DomReport, PreviewModel, PreviewTab } from '../../src/core/preview/messages';
import * as path from 'node:path';
import * as vscode from 'vscode';

export interface WaitOptions {
  /** Give up after this many ms (default 10000). */
  timeout?: number;
  /** Poll every this many ms (default 50). */
  interval?: number;
  /** Said in the error when the deadline passes; a function can describe the last state seen. */
  message?: string | (() => string);
}

/**
 * Poll `condition` until it returns a truthy value, and return that value.
 * Rejects with `message` (plus the last error the condition threw, if any) at the deadline.
 */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitOptions = {}): Promise<NonNullable<T>> {
  const timeout = options.timeout ?? 10000;
  const interval = options.interval ?? 50;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const what = typeof options.message === 'function' ? options.message() : (options.message ?? 'condition');
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeout} ms waiting for ${what}${cause}`);
    }
    await new Promise(r => setTimeout(r, interval));
  }
}

/** The test workspace's root folder (a fresh copy of test/host/workspace/ for every run). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('host tests need a workspace folder (run them through scripts/real-host/run.sh)');
  return folder.uri;
}

/** A Uri inside the test workspace, e.g. workspacePath('macros/slack.ccmacro.json'). */
export function workspacePath(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...rel.split('/').filter(Boolean));
}

/** Open a workspace file in an editor and return both. */
export async function openFixture(rel: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(workspacePath(rel));
  const editor = await vscode.window.showTextDocument(doc);
  return { doc, editor };
}

/** Close every editor (between tests, so one test's documents don't feed the next one's diagnostics). */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The folder where tests may save artifacts (test-artifacts/ in the project; a temp folder elsewhere). */
export function artifactsDir(): string {
  const dir = process.env.CCMACRO_TEST_ARTIFACTS || path.join(require('node:os').tmpdir(), 'ccmacro-test-artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Screenshot the whole workbench into artifactsDir()/NAME.png and return the file path. Under
 * scripts/real-host the runner takes it when it sees the marker line; elsewhere this resolves undefined.
 */
export async function screenshot(name: string): Promise<string | undefined> {
  if (!process.env.CCMACRO_TEST_ARTIFACTS) return undefined;
  const safe = name.replace(/[^\w.-]+/g, '_');
  const file = path.join(artifactsDir(), `${safe}.png`);
  fs.rmSync(file, { force: true });
  console.log(`ccmacro-screenshot ${safe}`);
  return waitFor(() => (fs.existsSync(file) ? file : undefined), { timeout: 10000, message: `screenshot ${file}` });
}

/** The text of the preview's target tab (the Slack message, the Teams card) as the webview drew it. */
export function tabText(dom: DomReport): string {
  return dom.targetTab?.text ?? '';
}

/** What `ccmacro.test.previewState` reports: the model posted last, the webview's DOM probe, the document shown. */
export interface PreviewState {
  model?: PreviewModel;
  posted: string[];
  dom?: DomReport;
  documentUri: string;
}

/** The preview's state, after an optional action (pick a sample, show a tab, post a webview message). */
export function previewState(action?: { selectSample?: string; tab?: PreviewTab; message?: unknown }) {
  return vscode.commands.executeCommand<PreviewState | undefined>('ccmacro.test.previewState', action);
}

/** Waits until the preview's DOM passes `check` (30 s), saying what it waited for and the last DOM seen. */
export async function waitForDom(
  check: (dom: DomReport, s: PreviewState) => boolean,
  what: string,
): Promise<PreviewState> {
  let last: PreviewState | undefined;
  return waitFor(
    async () => {
      last = await previewState();
      return last?.dom && check(last.dom, last) ? last : undefined;
    },
    { timeout: 30000, interval: 200, message: () => `${what}; last DOM: ${JSON.stringify(last?.dom)?.slice(0, 800)}` },
  );
}

/** ccmacro's diagnostics on a document, optionally only those with `code`. */
export function ccmacroDiagnostics(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter(d => d.source === 'ccmacro' && (code === undefined || String(d.code) === code));
}
