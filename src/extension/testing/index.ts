/**
 * Running snapshot tests, loaded on first use: listing each macro's sample items, comparing their render with the
 * snapshot through the service methods `ccmacro test` uses, Update Snapshot and Open Snapshot. The controller, its
 * run profile and the command stubs are registered at activation by features/testExplorer.ts.
 */
import * as vscode from 'vscode';
import type { CcmacroService } from '../../core';
import { LineIndex } from '../../core/common/text';
import { MACRO_FILE_GLOB, MACRO_FILE_SUFFIX } from '../../core/macro/fileName';
import type { ItemResult, MacroTestResult } from '../../core/snapshot/compare';
import { macroPathForSnapshot, SNAPSHOT_SUFFIX, snapshotPathFor } from '../../core/snapshot/format';
import type { SnapshotProblem } from '../../core/snapshot/render';
import { outsideRefusal } from '../../core/samples/reach';
import type { ExtensionServices } from '../services';
import {
  corePath,
  unsavedDocument,
  unsavedOrDiskFileSystem,
  uriForPath,
  workspaceFileSystem,
  workspacePathKind,
  workspaceSampleReach,
  workspaceRelativePath,
  workspaceTree,
  writeFileAtomically,
} from '../workspace';

const EXCLUDE = '**/node_modules/**';
/** contextValue of a failure message with an "Update Snapshot" button (testing/message/content menu). */
const MISMATCH = 'ccmacro.snapshotMismatch';
/** Wait this long after a burst of saves before a continuous run re-runs. */
const CONTINUOUS_DEBOUNCE_MS = 300;

/** One test's last outcome, for the test-only state hook. */
interface RecordedResult {
  state: 'passed' | 'failed' | 'errored' | 'skipped';
  messages: Array<{
    message: string;
    expected?: string;
    actual?: string;
    contextValue?: string;
    uri?: string;
    line?: number;
  }>;
  output?: string;
}

export function createTestExplorer(
  services: ExtensionServices,
  controller: vscode.TestController,
  profile: vscode.TestRunProfile,
): SnapshotTests {
  return new SnapshotTests(services.core, controller, profile, services.tagInputs.onDidChange);
}

class SnapshotTests implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly results = new Map<string, RecordedResult>();
  /** Macros whose items were listed (their file item has children). */
  private readonly listed = new Set<string>();
  /** Listing the workspace's macros: done once, again on refresh. */
  private discovery: Promise<void> | undefined;
  private readonly continuous = new Set<{ request: vscode.TestRunRequest; token: vscode.CancellationToken }>();
  private pendingContinuous = new Set<string>();
  private continuousTimer: ReturnType<typeof setTimeout> | undefined;

  private samplesTimer: ReturnType<typeof setTimeout> | undefined;

  /** `samplesChanged`: fires when a sample or tag catalog changes (the extension's one watcher of tag inputs). */
  constructor(
    private readonly core: CcmacroService,
    private readonly controller: vscode.TestController,
    private readonly runProfile: vscode.TestRunProfile,
    samplesChanged: vscode.Event<void>,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/*{${MACRO_FILE_SUFFIX},${SNAPSHOT_SUFFIX}}`);
    this.disposables.push(
      watcher,
      samplesChanged(() => this.samplesChanged()),
      watcher.onDidCreate(uri => this.fileChanged(uri)),
      watcher.onDidChange(uri => this.fileChanged(uri)),
      watcher.onDidDelete(uri => this.fileDeleted(uri)),
      // A continuous run re-runs on save: of a macro or its snapshot (that macro), of a sample (every listed macro).
      vscode.workspace.onDidSaveTextDocument(doc => {
        const p = doc.uri.path;
        if (p.endsWith(MACRO_FILE_SUFFIX) || p.endsWith(SNAPSHOT_SUFFIX)) void this.fileChanged(doc.uri, true);
        else if (p.endsWith('.json')) this.scheduleContinuous([...this.listed]);
      }),
    );
  }

  dispose(): void {
    clearTimeout(this.continuousTimer);
    clearTimeout(this.samplesTimer);
    for (const d of this.disposables) d.dispose();
  }

  // ---------------------------------------------------------------------------------------------
  // Listing

  /** Lists the workspace's macros again (the Testing view's refresh button). */
  async refresh(): Promise<void> {
    this.discovery = undefined;
    await this.discover();
  }

  /**
   * Every macro in the workspace as a test file (its items listed when expanded or run). A caller that comes while the
   * listing runs (a run started as the Testing view opens) waits for it.
   */
  discover(): Promise<void> {
    this.discovery ??= (async () => {
      const uris = await vscode.workspace.findFiles(MACRO_FILE_GLOB, EXCLUDE, 5000);
      await Promise.all(uris.map(uri => this.fileItem(uri)));
    })();
    return this.discovery;
  }

  private async fileItem(uri: vscode.Uri): Promise<vscode.TestItem> {
    const id = uri.toString();
    const refused = await this.outside(uri);
    const read = refused ? undefined : await workspaceFileSystem.readFile(corePath(uri));
    const text = read?.ok ? read.value : undefined;
    let item = this.controller.items.get(id);
    if (!item) {
      item = this.controller.createTestItem(id, workspaceRelativePath(uri), uri);
      item.canResolveChildren = true;
    }
    if (text !== undefined) {
      const outline = await this.core.macroOutline({ path: corePath(uri), text });
      item.label = outline.name;
      item.description = workspaceRelativePath(uri);
      const request = outline.keyOffset(['request']);
      const line = request !== undefined ? positionIn(text, request).line : 0;
      item.range = new vscode.Range(line, 0, line, 0);
    }
    // Added once it has its name, so the Testing view never shows a bare path first.
    if (refused) item.error = `Not tested: ${refused}`;
    if (!this.controller.items.get(id)) this.controller.items.add(item);
    return item;
  }

  /**
   * Why a macro file is not read: it is a link out of the workspace folder (or lies outside it), the one rule for
   * reading outside the tree (samples/reach.ts) unless ccmacro.samples.allowOutsideWorkspace is on; else undefined.
   */
  private async outside(uri: vscode.Uri): Promise<string | undefined> {
    return (await outsideRefusal(corePath(uri), workspaceSampleReach(uri, 'refuse')))?.message;
  }

  /** The macro's sample items as its children, matched to the last render (ids are stable: macro + item key). */
  async listItems(fileItem: vscode.TestItem): Promise<MacroTestResult | undefined> {
    const uri = fileItem.uri!;
    const refused = await this.outside(uri);
    if (refused) {
      fileItem.error = `Not tested: ${refused}`;
      return undefined;
    }
    const read = await workspaceFileSystem.readFile(corePath(uri));
    const text = read.ok ? read.value : undefined;
    if (text === undefined) {
      this.controller.items.delete(fileItem.id);
      return undefined;
    }
    fileItem.busy = true;
    try {
      const result = await this.core.testSnapshot(
        { path: corePath(uri), text },
        {
          guard: p => this.snapshotProblem(p, uri),
          snapshotFs: unsavedOrDiskFileSystem,
          sampleReach: workspaceSampleReach(uri, 'refuse'),
        },
      );
      this.syncChildren(fileItem, result);
      this.listed.add(fileItem.id);
      return result;
    } catch (e) {
      fileItem.error = `Could not list the sample items: ${e instanceof Error ? e.message : String(e)}`;
      return undefined;
    } finally {
      fileItem.busy = false;
    }
  }

  private syncChildren(fileItem: vscode.TestItem, result: MacroTestResult): void {
    const snapshotUri = uriForPath(result.snapshot.snapshotPath);
    const children: vscode.TestItem[] = [];
    for (const r of result.items) {
      const id = `${fileItem.id}#${r.item.key}`;
      const child =
        fileItem.children.get(id) ??
        this.controller.createTestItem(id, `${r.item.key}${r.item.label ? ' ' + r.item.label : ''}`, snapshotUri);
      const index = /\[(\d+)\]$/.exec(r.item.key)?.[1] ?? '0';
      child.label = `[${index}]${r.item.label ? ' ' + r.item.label : ''}`;
      child.description = r.item.key.replace(/ \[\d+\]$/, '');
      child.range = r.snapshotLine !== undefined ? new vscode.Range(r.snapshotLine, 0, r.snapshotLine, 0) : undefined;
      children.push(child);
    }
    fileItem.children.replace(children);
    const problems = [...result.snapshot.problems, ...(result.refused ? [result.refused] : [])];
    fileItem.error = problems.length
      ? new vscode.MarkdownString(problems.map(p => problemText(p)).join('\n\n'))
      : undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Running

  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    if (request.continuous) {
      // Watched until cancelled (see scheduleContinuous); run once now, as a normal run.
      const entry = { request, token };
      this.continuous.add(entry);
      token.onCancellationRequested(() => this.continuous.delete(entry));
    }
    await this.discover();
    const run = this.controller.createTestRun(request);
    try {
      const byFile = new Map<vscode.TestItem, Set<string> | undefined>();
      const excluded = new Set((request.exclude ?? []).map(i => i.id));
      const roots: vscode.TestItem[] = request.include ? [...request.include] : [];
      if (!request.include) this.controller.items.forEach(i => roots.push(i));
      for (const item of roots) {
        if (excluded.has(item.id)) continue;
        if (item.parent) {
          const set = byFile.get(item.parent) ?? new Set<string>();
          set.add(item.id);
          byFile.set(item.parent, set);
        } else byFile.set(item, undefined);
      }
      for (const [fileItem, only] of byFile) {
        if (token.isCancellationRequested) break;
        await this.runFile(run, fileItem, only, excluded);
      }
    } finally {
      run.end();
    }
  }

  private async runFile(
    run: vscode.TestRun,
    fileItem: vscode.TestItem,
    only: Set<string> | undefined,
    excluded: Set<string>,
  ): Promise<void> {
    const result = await this.listItems(fileItem);
    if (!result) {
      if (this.controller.items.get(fileItem.id)) {
        run.errored(fileItem, new vscode.TestMessage('The macro could not be read.'));
        this.record(fileItem.id, { state: 'errored', messages: [{ message: 'The macro could not be read.' }] });
      }
      return;
    }
    // A sample item without a snapshot entry gets one written (as `ccmacro test` does outside CI).
    const added = await this.core.textAddingNewItems(result);
    const notWritten = added !== undefined ? await this.write(result, added, fileItem.uri!) : undefined;
    const problems = [
      ...result.snapshot.problems,
      ...(result.refused ? [result.refused] : []),
      ...(notWritten ? [notWritten] : []),
    ];
    if (problems.length) {
      const messages = problems.map(p => located(p));
      run.failed(fileItem, messages);
      this.record(fileItem.id, { state: 'failed', messages: messages.map(m => recordMessage(m)) });
    }
    for (const r of result.items) {
      const child = fileItem.children.get(`${fileItem.id}#${r.item.key}`);
      if (!child || excluded.has(child.id) || (only && !only.has(child.id))) continue;
      run.started(child);
      this.report(run, child, r, result, notWritten);
    }
    if (result.obsolete.length)
      run.appendOutput(
        `${workspaceRelativePath(result.snapshot.snapshotPath)}: ` +
          `${result.obsolete.length} obsolete entr${result.obsolete.length === 1 ? 'y' : 'ies'} (${result.obsolete.map(o => o.key).join(', ')}); ` +
          `"Update Snapshot" on the macro removes ${result.obsolete.length === 1 ? 'it' : 'them'}.\r\n`,
        undefined,
        fileItem,
      );
  }

  private report(
    run: vscode.TestRun,
    child: vscode.TestItem,
    r: ItemResult,
    result: MacroTestResult,
    notWritten: SnapshotProblem | undefined,
  ): void {
    const snapshotUri = uriForPath(result.snapshot.snapshotPath);
    switch (r.status) {
      case 'pass':
        run.passed(child);
        this.record(child.id, { state: 'passed', messages: [] });
        return;
      case 'unchecked': {
        // The snapshot may not be read (a link, outside the workspace folder): the item was not compared.
        const message = located(result.refused!);
        run.errored(child, message);
        this.record(child.id, { state: 'errored', messages: [recordMessage(message)] });
        return;
      }
      case 'new':
        if (notWritten) {
          const message = located(notWritten);
          run.failed(child, message);
          this.record(child.id, { state: 'failed', messages: [recordMessage(message)] });
          return;
        }
        run.appendOutput(`New snapshot written for ${r.item.key}.\r\n`, undefined, child);
        run.passed(child);
        this.record(child.id, { state: 'passed', messages: [], output: 'New snapshot written.' });
        return;
      case 'fail': {
        const message = vscode.TestMessage.diff(
          'The request differs from its snapshot. If the change is what you meant, Update Snapshot accepts it.',
          r.expected!,
          r.actual!,
        );
        message.contextValue = MISMATCH;
        if (r.snapshotLine !== undefined)
          message.location = new vscode.Location(snapshotUri, new vscode.Position(r.snapshotLine, 0));
        run.failed(child, message);
        this.record(child.id, { state: 'failed', messages: [recordMessage(message)] });
        return;
      }
      case 'error': {
        const messages = r.item.problems.map(p => located(p));
        run.failed(child, messages);
        this.record(child.id, { state: 'failed', messages: messages.map(m => recordMessage(m)) });
      }
    }
  }

  /** Re-runs what a continuous run watches, after a save of a macro, a sample or a snapshot. */
  private scheduleContinuous(fileIds: Iterable<string>): void {
    if (this.continuous.size === 0) return;
    for (const id of fileIds) this.pendingContinuous.add(id);
    clearTimeout(this.continuousTimer);
    this.continuousTimer = setTimeout(() => {
      const ids = this.pendingContinuous;
      this.pendingContinuous = new Set();
      for (const c of this.continuous) {
        if (c.token.isCancellationRequested) continue;
        const include = c.request.include?.filter(i => ids.has(i.id) || (i.parent && ids.has(i.parent.id)));
        const files = [...ids].map(id => this.controller.items.get(id)).filter((x): x is vscode.TestItem => !!x);
        const items = c.request.include ? include : files;
        if (!items?.length) continue;
        void this.run(new vscode.TestRunRequest(items, c.request.exclude, this.runProfile), c.token);
      }
    }, CONTINUOUS_DEBOUNCE_MS);
  }

  private async fileChanged(uri: vscode.Uri, saved = false): Promise<void> {
    const path = corePath(uri);
    const macroPath = path.endsWith(MACRO_FILE_SUFFIX) ? path : macroPathForSnapshot(path);
    if (!macroPath) return;
    const macroUri = uriForPath(macroPath);
    const item = this.controller.items.get(macroUri.toString());
    if (!item && !this.discovery) return;
    if (!(await workspaceFileSystem.exists(macroPath))) return;
    const fileItem = item ?? (await this.fileItem(macroUri));
    if (item) await this.fileItem(macroUri);
    if (this.listed.has(fileItem.id)) await this.listItems(fileItem);
    this.controller.invalidateTestResults(fileItem);
    if (saved) this.scheduleContinuous([fileItem.id]);
  }

  private fileDeleted(uri: vscode.Uri): void {
    if (!uri.path.endsWith(MACRO_FILE_SUFFIX)) {
      void this.fileChanged(uri);
      return;
    }
    this.controller.items.delete(uri.toString());
    this.listed.delete(uri.toString());
  }

  /** A sample or tag catalog changed (typed or on disk): every listed macro may have other items now. */
  samplesChanged(): void {
    clearTimeout(this.samplesTimer);
    this.samplesTimer = setTimeout(() => {
      const items: vscode.TestItem[] = [];
      this.controller.items.forEach(item => {
        if (this.listed.has(item.id)) items.push(item);
      });
      for (const item of items) void this.listItems(item);
      if (items.length) this.controller.invalidateTestResults(items);
    }, CONTINUOUS_DEBOUNCE_MS);
  }

  // ---------------------------------------------------------------------------------------------
  // Update Snapshot, Open Snapshot

  /** The test item a command was invoked on: a TestItem, `{ test }` from a message button, or an item id. */
  private itemOf(arg: unknown): vscode.TestItem | undefined {
    const test = (arg as { test?: vscode.TestItem })?.test ?? arg;
    if (typeof test === 'string') return this.findItem(test);
    if (test instanceof vscode.Uri) return this.controller.items.get(test.toString());
    if (test && typeof test === 'object' && typeof (test as vscode.TestItem).id === 'string')
      return this.findItem((test as vscode.TestItem).id);
    return undefined;
  }

  private findItem(id: string): vscode.TestItem | undefined {
    const fileId = id.includes('#') ? id.slice(0, id.indexOf('#')) : id;
    const file = this.controller.items.get(fileId);
    return file && fileId !== id ? file.children.get(id) : file;
  }

  /** Write the snapshot of one item (or of every item of a macro) from its current render, then run it again. */
  async update(arg: unknown): Promise<boolean> {
    await this.discover();
    let found = this.itemOf(arg);
    if (!found && arg instanceof vscode.Uri) found = await this.fileItem(arg);
    const item = found;
    if (!item) {
      void vscode.window.showInformationMessage(
        'Choose a macro or a sample item in the Testing view to update its snapshot.',
      );
      return false;
    }
    const fileItem = item.parent ?? item;
    const result = await this.listItems(fileItem);
    if (!result) return false;
    if (result.refused) {
      void vscode.window.showErrorMessage(problemText(result.refused));
      return false;
    }
    const whole = fileItem === item;
    const chosen = (r: ItemResult) => whole || `${fileItem.id}#${r.item.key}` === item.id;
    const text = await this.core.snapshotTextAccepting(result, chosen, whole);
    const broken = result.items.filter(r => r.status === 'error' && chosen(r));
    const notWritten = text !== undefined ? await this.write(result, text, fileItem.uri!) : undefined;
    if (notWritten) {
      void vscode.window.showErrorMessage(problemText(notWritten));
      return false;
    }
    if (broken.length)
      void vscode.window.showWarningMessage(
        `${broken.length === 1 ? 'One sample item does' : `${broken.length} sample items do`} not render (or a return value is missing), so ${broken.length === 1 ? 'its snapshot was' : 'their snapshots were'} left as ${broken.length === 1 ? 'it was' : 'they were'}: see the test's failure.`,
      );
    await this.runIds([item.id]);
    return text !== undefined;
  }

  /** Open the snapshot file, at the item's entry. */
  async open(arg: unknown): Promise<void> {
    const item = this.itemOf(arg);
    const fileItem = item?.parent ?? item;
    if (!item || !fileItem?.uri) return;
    const uri = uriForPath(snapshotPathFor(corePath(fileItem.uri)));
    const refused = await this.snapshotProblem(corePath(uri), fileItem.uri);
    if (refused) {
      void vscode.window.showErrorMessage(problemText(refused));
      return;
    }
    if (!(await workspaceFileSystem.exists(corePath(uri)))) {
      void vscode.window.showInformationMessage(
        'This macro has no snapshot yet: run its tests or Update Snapshot to write it.',
      );
      return;
    }
    const line = item.parent ? (item.range?.start.line ?? 0) : 0;
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, line, 0), preview: true });
  }

  /**
   * Why the macro's snapshot may be neither read nor written (a link, outside its workspace folder), as `ccmacro test`
   * checks it.
   */
  private snapshotProblem(snapshotPath: string, macroUri: vscode.Uri): Promise<SnapshotProblem | undefined> {
    return this.core.snapshotPathProblem(
      snapshotPath,
      workspaceTree(macroUri),
      workspacePathKind,
      workspaceRelativePath,
    );
  }

  /**
   * Writes the snapshot file as `ccmacro test` does: atomically, never through a link or outside the workspace
   * folder, never over 10 MB, and never over unsaved changes to it; or says why not.
   */
  private async write(
    result: MacroTestResult,
    text: string,
    macroUri: vscode.Uri,
  ): Promise<SnapshotProblem | undefined> {
    const file = result.snapshot.snapshotPath;
    const shown = workspaceRelativePath;
    const refused =
      (await this.core.snapshotSizeProblem(file, text, shown)) ??
      (await this.snapshotProblem(file, macroUri)) ??
      (unsavedDocument(file) ? await this.core.snapshotUnsavedProblem(file, shown) : undefined);
    if (refused) return refused;
    try {
      await writeFileAtomically(uriForPath(file), text);
    } catch (e) {
      return this.core.snapshotWriteProblem(file, e, shown);
    }
    return undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // For host tests (registered only outside production)

  async runIds(ids?: string[]): Promise<void> {
    await this.discover();
    let include: vscode.TestItem[] | undefined;
    if (ids) {
      include = [];
      for (const id of ids) {
        let item = this.findItem(id);
        if (!item && id.includes('#')) {
          const file = this.findItem(id.slice(0, id.indexOf('#')));
          if (file) await this.listItems(file);
          item = this.findItem(id);
        }
        if (item) include.push(item);
      }
    }
    const source = new vscode.CancellationTokenSource();
    try {
      await this.run(new vscode.TestRunRequest(include, undefined, this.runProfile), source.token);
    } finally {
      source.dispose();
    }
  }

  state(): unknown {
    const items: unknown[] = [];
    this.controller.items.forEach(file =>
      items.push({
        id: file.id,
        label: file.label,
        uri: file.uri?.toString(),
        line: file.range?.start.line,
        error: typeof file.error === 'string' ? file.error : file.error?.value,
        children: childrenOf(file).map(c => ({
          id: c.id,
          label: c.label,
          description: c.description,
          uri: c.uri?.toString(),
          line: c.range?.start.line,
        })),
      }),
    );
    return { items, results: Object.fromEntries(this.results) };
  }

  private record(id: string, result: RecordedResult): void {
    this.results.set(id, result);
  }
}

function childrenOf(item: vscode.TestItem): vscode.TestItem[] {
  const out: vscode.TestItem[] = [];
  item.children.forEach(c => out.push(c));
  return out;
}

function positionIn(text: string, offset: number): { line: number; character: number } {
  return new LineIndex(text).positionAt(offset);
}

function problemText(p: SnapshotProblem): string {
  const at = p.path && p.text !== undefined ? positionIn(p.text, p.problem.range.start) : undefined;
  const where = p.path ? `${workspaceRelativePath(p.path)}${at ? `:${at.line + 1}:${at.character + 1}` : ''}: ` : '';
  return `${where}${p.problem.message} [${p.problem.code}]`;
}

function located(p: SnapshotProblem): vscode.TestMessage {
  const m = new vscode.TestMessage(`${p.problem.message} [${p.problem.code}]`);
  if (p.path && p.text !== undefined) {
    const s = positionIn(p.text, p.problem.range.start);
    const e = positionIn(p.text, p.problem.range.end);
    m.location = new vscode.Location(uriForPath(p.path), new vscode.Range(s.line, s.character, e.line, e.character));
  }
  return m;
}

function recordMessage(m: vscode.TestMessage): RecordedResult['messages'][number] {
  const out: RecordedResult['messages'][number] = {
    message: typeof m.message === 'string' ? m.message : m.message.value,
  };
  if (m.expectedOutput !== undefined) out.expected = m.expectedOutput;
  if (m.actualOutput !== undefined) out.actual = m.actualOutput;
  if (m.contextValue) out.contextValue = m.contextValue;
  if (m.location) {
    out.uri = m.location.uri.toString();
    out.line = m.location.range.start.line;
  }
  return out;
}
