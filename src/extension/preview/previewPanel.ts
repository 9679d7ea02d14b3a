import * as vscode from 'vscode';
import {
  isWebviewToHost,
  type DomReport,
  type HostToWebview,
  type PreviewModel,
  type PreviewTab,
  type PreviewWebviewState,
  type WebviewToHost,
} from '../../core/preview/messages';
import { previewHtml, previewWebviewOptions } from './html';
import * as path from 'node:path';
import { isCancellationError } from '../../core/host';
import type { ExtensionServices } from '../services';
import { isMacroDocument } from '../macroEditors';
import { corePath, macroDocument, uriForPath, workspaceSampleReach } from '../workspace';
import { visibleLine } from '../../core/common/controlChars';
import { parseSampleKey, sampleKey } from '../../core/samples/key';
import { revealConsent } from '../../core/samples/reach';
import { PREVIEW_VIEW_TYPE } from './viewType';

/** How long edits are gathered before the preview renders again. */
const THROTTLE_MS = 300;
/** Posted messages kept for the internal state command (tests check no secret was ever posted). */
const POSTED_LOG_SIZE = 40;

/**
 * The preview beside a macro: renders at once when opened, then follows edits (throttled, skipping
 * unchanged versions), sample switches and, unless locked, the active macro editor. Each render is
 * posted as an `update` message; the page itself is written once.
 */
export class PreviewPanel implements vscode.Disposable {
  static readonly viewType = PREVIEW_VIEW_TYPE;
  private static current: PreviewPanel | undefined;

  static get active(): PreviewPanel | undefined {
    return PreviewPanel.current;
  }

  static createOrShow(
    services: ExtensionServices,
    extensionUri: vscode.Uri,
    doc: vscode.TextDocument,
    column: vscode.ViewColumn = vscode.ViewColumn.Beside,
  ): PreviewPanel {
    const existing = PreviewPanel.current;
    if (existing) {
      existing.panel.reveal(column, true);
      existing.show(doc.uri);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      PreviewPanel.viewType,
      'Preview',
      { viewColumn: column, preserveFocus: true },
      previewWebviewOptions(extensionUri),
    );
    return new PreviewPanel(services, panel, extensionUri, { documentUri: doc.uri.toString(), locked: false });
  }

  /** After a window reload: the serializer hands back the panel and the state the webview saved. */
  static revive(
    services: ExtensionServices,
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    state: PreviewWebviewState,
  ): PreviewPanel {
    PreviewPanel.current?.dispose();
    return new PreviewPanel(services, panel, extensionUri, state);
  }

  private documentUri: vscode.Uri;
  private locked: boolean;
  private seq = 0;
  private ready = false;
  private rendering = false;
  private pending: { force: boolean } | undefined;
  /** The render in progress: cancelled when a newer one is asked for (an edit, another sample, the lock). */
  private renderToken: vscode.CancellationTokenSource | undefined;
  /** Renders finished and cancelled (the host tests read them). */
  private readonly renders = { completed: 0, cancelled: 0 };
  private timer: NodeJS.Timeout | undefined;
  private lastRendered: string | undefined;
  private lastModel: PreviewModel | undefined;
  private readonly posted: string[] = [];
  private readonly probes = new Map<number, (r: DomReport) => void>();
  private probeId = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  private constructor(
    private readonly services: ExtensionServices,
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    state: PreviewWebviewState,
  ) {
    PreviewPanel.current = this;
    this.documentUri = vscode.Uri.parse(state.documentUri);
    this.locked = !!state.locked;
    // The sample saved with the panel is this macro's choice again after a reload.
    const saved = state.selectedSample ? parseSampleKey(state.selectedSample) : undefined;
    if (saved) services.samples.set(this.documentUri, saved);
    panel.webview.options = previewWebviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'ccmacro-file.svg');
    panel.webview.html = previewHtml(
      panel.webview,
      extensionUri,
      services.context.extensionMode !== vscode.ExtensionMode.Production,
    );
    this.updateTitle();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage(m => void this.onMessage(m)),
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.contentChanges.length === 0) return;
        if (e.document.uri.toString() === this.documentUri.toString() || this.usesSample(e.document)) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor(editor => {
        if (this.locked || !editor || !isMacroDocument(editor.document)) return;
        if (editor.document.uri.toString() !== this.documentUri.toString()) this.show(editor.document.uri);
      }),
      services.samples.onDidChange(uri => {
        if (uri.toString() === this.documentUri.toString()) void this.update(true);
      }),
      // Another environment, or an environments file changed: the values and the name shown follow.
      services.environments.onDidChange(() => void this.update(true)),
    );
    void this.update(true);
  }

  get uri(): vscode.Uri {
    return this.documentUri;
  }

  /** Switch to another macro (keeps the lock state and, when the new macro offers it, the sample). */
  show(uri: vscode.Uri): void {
    if (uri.toString() !== this.documentUri.toString()) {
      this.documentUri = uri;
      this.updateTitle();
    }
    void this.update(true);
  }

  private usesSample(doc: vscode.TextDocument): boolean {
    const shown = this.lastModel?.selectedSample ? parseSampleKey(this.lastModel.selectedSample) : undefined;
    return shown?.id === corePath(doc.uri);
  }

  private updateTitle(): void {
    this.panel.title = `${this.locked ? 'Preview (locked)' : 'Preview'}: ${path.posix.basename(this.documentUri.path)}`;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update(false);
    }, THROTTLE_MS);
  }

  /**
   * Render and post. Unchanged input (same document version, sample and lock) is skipped unless forced. Asked again
   * while a render runs, the running one is stale: it is cancelled, and the newest input rendered when it stops.
   */
  async update(force: boolean): Promise<void> {
    if (this.disposed) return;
    if (this.rendering) {
      this.pending = { force: force || !!this.pending?.force };
      this.renderToken?.cancel();
      return;
    }
    this.rendering = true;
    const source = (this.renderToken = new vscode.CancellationTokenSource());
    try {
      const doc = await vscode.workspace.openTextDocument(this.documentUri);
      // The user's pick for this macro, or its own default: a pick never carries over to another macro.
      const choice = this.services.samples.get(doc.uri);
      const requested = choice ? sampleKey(choice.id, choice.index) : undefined;
      const { name: environment } = await this.services.environments.forMacro(doc.uri);
      const key = `${doc.uri.toString()}@${doc.version}|${requested ?? ''}|${this.locked}|${environment ?? ''}`;
      if (!force && key === this.lastRendered) return;
      const model = await this.services.core.preview(
        macroDocument(doc),
        {
          documentUri: doc.uri.toString(),
          sampleKey: requested,
          locked: this.locked,
          seq: ++this.seq,
          environment,
          environmentReach: workspaceSampleReach(doc.uri, 'warn'),
        },
        source.token,
      );
      if (this.disposed) return;
      this.renders.completed++;
      this.lastRendered = key;
      this.lastModel = model;
      if (this.ready) this.post({ type: 'update', model });
    } catch (e) {
      if (isCancellationError(e)) {
        this.renders.cancelled++;
        return;
      }
      const message = e instanceof Error ? e.message : String(e);
      const model: PreviewModel = {
        seq: ++this.seq,
        documentUri: this.documentUri.toString(),
        fileName: path.posix.basename(this.documentUri.path),
        locked: this.locked,
        // Unread, so no target: the preview shows the notice without a target tab.
        target: '',
        problems: [],
        samples: [],
        notice: `The preview could not read this macro: ${message}`,
      };
      this.lastModel = model;
      if (this.ready) this.post({ type: 'update', model });
    } finally {
      this.rendering = false;
      this.renderToken = undefined;
      source.dispose();
      const pending = this.pending;
      this.pending = undefined;
      if (pending && !this.disposed) {
        void this.update(pending.force);
      }
    }
  }

  private post(message: HostToWebview): void {
    this.posted.push(JSON.stringify(message));
    if (this.posted.length > POSTED_LOG_SIZE) this.posted.shift();
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(raw: unknown): Promise<void> {
    if (!isWebviewToHost(raw)) return;
    const m: WebviewToHost = raw;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.lastModel) this.post({ type: 'update', model: this.lastModel });
        return;
      case 'reveal':
        return this.reveal(m.start, m.end, m.path);
      case 'selectSample':
        return this.selectSample(m.key);
      case 'setLocked':
        this.locked = m.locked;
        this.updateTitle();
        if (!this.locked) {
          const active = vscode.window.activeTextEditor?.document;
          if (isMacroDocument(active) && active.uri.toString() !== this.documentUri.toString())
            return this.show(active.uri);
        }
        return this.update(true);
      case 'command':
        await vscode.commands.executeCommand(
          m.command === 'copyAsCurl' ? 'ccmacro.copyAsCurl' : 'ccmacro.copyForCentercode',
          this.documentUri,
        );
        return;
      case 'probeResult':
        this.probes.get(m.id)?.(m.report);
        this.probes.delete(m.id);
        return;
    }
  }

  /**
   * Select a range in the macro (or one of its sample files) in an editor beside the preview. The webview says which
   * file; only the macro and the sample files its "samples" names are opened (revealTarget), anything else is ignored.
   */
  private async reveal(start: number, end: number, file?: string): Promise<void> {
    const macro = await vscode.workspace.openTextDocument(this.documentUri);
    const target = await this.services.core.revealTarget(macroDocument(macro), file);
    if (target === undefined) return;
    // A sample outside the workspace folder (a `..` path, a link out of it) is opened only when the user says so.
    if (file !== undefined && (await revealConsent(target, workspaceSampleReach(this.documentUri, 'warn'))) === 'ask') {
      const open = 'Open';
      const answer = await vscode.window.showWarningMessage(
        `The sample file "${visibleLine(target)}" is outside the workspace folder. Open it anyway?`,
        {
          modal: true,
          detail:
            'The macro names it in its "samples"; ccmacro opens files outside the workspace only when you say so.',
        },
        open,
      );
      if (answer !== open) return;
    }
    const uri = file === undefined ? this.documentUri : uriForPath(target);
    const doc = file === undefined ? macro : await vscode.workspace.openTextDocument(uri);
    const range = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
    const visible = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === uri.toString());
    const column =
      visible?.viewColumn ??
      (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(doc, {
      viewColumn: column,
      selection: range,
      preserveFocus: false,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** For tests: the last model, every message posted recently, and what the webview's DOM shows. */
  async state(timeoutMs = 5000): Promise<{
    model?: PreviewModel;
    posted: string[];
    dom?: DomReport;
    documentUri: string;
    locked: boolean;
    ready: boolean;
    renders: { completed: number; cancelled: number };
  }> {
    let dom: DomReport | undefined;
    if (this.ready) {
      const id = ++this.probeId;
      dom = await new Promise<DomReport | undefined>(resolve => {
        const timer = setTimeout(() => {
          this.probes.delete(id);
          resolve(undefined);
        }, timeoutMs);
        this.probes.set(id, r => {
          clearTimeout(timer);
          resolve(r);
        });
        void this.panel.webview.postMessage({ type: 'probe', id } satisfies HostToWebview);
      });
    }
    return {
      model: this.lastModel,
      posted: [...this.posted],
      dom,
      documentUri: this.documentUri.toString(),
      locked: this.locked,
      ready: this.ready,
      renders: { ...this.renders },
    };
  }

  /** Pick the sample item for the macro shown (the webview's picker does this; so do tests). */
  selectSample(key: string): Promise<void> {
    const picked = parseSampleKey(key);
    // The pick feeds hover, completion, Copy as cURL and test sends of this macro too.
    if (picked) this.services.samples.set(this.documentUri, picked);
    return this.update(true);
  }

  /** For tests: switch the webview's tab as a click would. */
  showTab(tab: PreviewTab): void {
    void this.panel.webview.postMessage({ type: 'showTab', tab } satisfies HostToWebview);
  }

  setLocked(locked: boolean): Promise<void> {
    return this.onMessage({ type: 'setLocked', locked });
  }

  /** For tests: handle a message as if the webview had posted it (e.g. a click on a value). */
  receive(message: WebviewToHost): Promise<void> {
    return this.onMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.renderToken?.cancel();
    if (PreviewPanel.current === this) PreviewPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
