import * as vscode from 'vscode';
import { visibleLine } from '../../core/common/controlChars';
import { isCancellationError } from '../../core/host';
import type { Problem } from '../../core/common/problem';
import type { ExtensionServices } from '../services';
import { registerTestHooks } from '../testHooks';
import { macroDocument, workspaceRelativePath, workspaceSampleReach } from '../workspace';

/** Wait this long after the last keystroke before checking a macro again. */
const TYPING_DEBOUNCE_MS = 250;
/** Wait this long after a burst of JSON changes (samples, tags.json) before re-checking every open macro. */
const RELATED_DEBOUNCE_MS = 300;
/** Items of each sample file the editor renders on every check (a send and `ccmacro validate` check them all). */
const SAMPLE_ITEM_LIMIT = 200;
/** Validation slower than this is worth a line in the log (once per document). */
const SLOW_MS = 1000;

const SEVERITY: Record<Problem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/**
 * Macros on any file system VS Code reads are checked (file:, remote, virtual workspaces, untitled), except those
 * served read-only: copies such as the old side of a git: diff, whose problems would show twice.
 */
function isChecked(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'ccmacro' && vscode.workspace.fs.isWritableFileSystem(doc.uri.scheme) !== false;
}

/**
 * ccmacro's own checks (tags, semantics, secrets) as diagnostics for every open `ccmacro` document.
 * Schema problems come from VS Code's JSON language server (the contributed schema), so the schema
 * check and syntax errors are left out here to avoid showing them twice.
 */
export function registerDiagnostics(services: ExtensionServices): vscode.Disposable[] {
  const diagnostics = new MacroDiagnostics(services);
  // Macros already open when ccmacro activates (activation happens because one opened).
  setTimeout(() => vscode.workspace.textDocuments.forEach(d => diagnostics.schedule(d, 0)), 0);
  return [
    diagnostics,
    vscode.workspace.onDidOpenTextDocument(d => diagnostics.schedule(d, 0)),
    vscode.workspace.onDidChangeTextDocument(e => {
      if (e.contentChanges.length && e.document.languageId === 'ccmacro')
        diagnostics.schedule(e.document, TYPING_DEBOUNCE_MS);
    }),
    vscode.workspace.onDidCloseTextDocument(d => diagnostics.forget(d)),
    // A tag catalog or sample changed (typed, saved, created or deleted): every open macro may see it.
    services.tagInputs.onDidChange(() => diagnostics.scheduleAll()),
    vscode.workspace.onDidChangeConfiguration(e => e.affectsConfiguration('ccmacro') && diagnostics.scheduleAll(0)),
    // Another environment: its ${var:…} values are checked and rendered.
    services.environments.onDidChange(() => diagnostics.scheduleAll(0)),
    ...registerTestHooks(services.context, { diagnosticsStats: () => ({ ...diagnostics.stats }) }),
  ];
}

class MacroDiagnostics implements vscode.Disposable {
  constructor(private readonly services: ExtensionServices) {}
  private readonly collection = vscode.languages.createDiagnosticCollection('ccmacro');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The check running for each document: cancelled when it is stale (the text or what it reads changed). */
  private readonly running = new Map<string, vscode.CancellationTokenSource>();
  private readonly loggedSlow = new Set<string>();
  private allTimer: ReturnType<typeof setTimeout> | undefined;
  /** Checks started, finished and cancelled (the host tests read them). */
  readonly stats = { started: 0, completed: 0, cancelled: 0 };

  schedule(doc: vscode.TextDocument, delayMs: number): void {
    if (!isChecked(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    // The next keystroke (or a changed sample) makes the running check's answer stale: stop it.
    this.running.get(key)?.cancel();
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.validate(doc);
      }, delayMs),
    );
  }

  scheduleAll(delayMs = RELATED_DEBOUNCE_MS): void {
    clearTimeout(this.allTimer);
    this.allTimer = setTimeout(() => this.revalidateAll(), delayMs);
  }

  revalidateAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.running.get(key)?.cancel();
    this.collection.delete(doc.uri);
  }

  private async validate(doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed) return;
    const key = doc.uri.toString();
    this.running.get(key)?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.running.set(key, source);
    this.stats.started++;
    const version = doc.version;
    const builtinCatalog = vscode.workspace
      .getConfiguration('ccmacro', doc.uri)
      .get<boolean>('tags.useBuiltinCatalog', true);
    const started = performance.now();
    let problems: Problem[];
    try {
      const { name: environment } = await this.services.environments.forMacro(doc.uri);
      const result = await this.services.core.validate(
        macroDocument(doc),
        {
          builtinCatalog,
          sampleItemLimit: SAMPLE_ITEM_LIMIT,
          sampleReach: workspaceSampleReach(doc.uri, 'warn'),
          environment,
        },
        source.token,
      );
      const syntax = new Set(result.parsed.syntaxProblems);
      problems = result.problems.filter(p => !syntax.has(p));
    } catch (e) {
      if (isCancellationError(e)) {
        this.stats.cancelled++;
        return;
      }
      const message = e instanceof Error ? e.message : String(e);
      this.services.log.error(`Checking ${workspaceRelativePath(doc.uri)} failed: ${message}`);
      // Never stale or missing diagnostics that look like "no problems": one error says the file was not checked.
      if (!doc.isClosed && doc.version === version)
        this.collection.set(doc.uri, [
          toDiagnostic(doc, {
            code: 'internal',
            severity: 'error',
            message: `ccmacro could not check this file (${visibleLine(message)}): its problems are not shown. This is a bug; the Output panel (ccmacro) has the details.`,
            range: { start: 0, end: 0 },
          }),
        ]);
      return;
    } finally {
      if (this.running.get(key) === source) this.running.delete(key);
      source.dispose();
    }
    this.stats.completed++;
    const elapsed = performance.now() - started;
    // Closed meanwhile, or the text moved on (its own check follows): nothing to show.
    if (doc.isClosed || doc.version !== version) return;
    if (elapsed > SLOW_MS && !this.loggedSlow.has(key)) {
      this.loggedSlow.add(key);
      this.services.log.warn(
        `Checking ${workspaceRelativePath(doc.uri)} took ${Math.round(elapsed)} ms; editing may feel slow in this file.`,
      );
    }
    this.collection.set(
      doc.uri,
      problems.map(p => toDiagnostic(doc, p)),
    );
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const s of this.running.values()) s.cancel();
    clearTimeout(this.allTimer);
    this.collection.dispose();
  }
}

function toDiagnostic(doc: vscode.TextDocument, p: Problem): vscode.Diagnostic {
  const range = new vscode.Range(doc.positionAt(p.range.start), doc.positionAt(p.range.end));
  const d = new vscode.Diagnostic(range, p.message, SEVERITY[p.severity]);
  d.code = p.code;
  d.source = 'ccmacro';
  if (p.unnecessary) d.tags = [vscode.DiagnosticTag.Unnecessary];
  return d;
}

/** The problem code of a ccmacro diagnostic ("tag/unknown"), as quick fixes look for it. */
export function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}
