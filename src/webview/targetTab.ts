import type { PreviewModel, TargetTabReport } from '../core/preview/messages';
import type { TargetViews } from '../core/targets/views';
import type { DrawContext, TargetDrawing } from './targets/drawing';
import { TARGET_DRAWINGS } from './targets';

type TargetTabId = keyof TargetViews;

/** A target id the page has a drawing module for (one that names a tab). */
export function isTargetTab(id: string | undefined): id is TargetTabId {
  return !!id && Object.prototype.hasOwnProperty.call(TARGET_DRAWINGS, id);
}

/**
 * The target's own tab: which drawing module (src/webview/targets/) draws it, and when. An eager drawing is drawn
 * with every model; a lazy one while its tab is shown, once per model and theme.
 */
export class TargetTab {
  private drawn: { model: PreviewModel; theme: string } | undefined;
  private readonly scripts = new Map<string, Promise<void>>();
  private readonly ctx: DrawContext = { theme: themeOf, loadScript: file => this.loadScript(file) };

  constructor(
    private readonly root: HTMLElement,
    /** This page's script: where dist/webview/ is, and the nonce another script there needs. */
    private readonly ownScript: HTMLScriptElement | null,
  ) {}

  /** Draw for `m` (when its target has a tab) if the drawing is due. */
  update(m: PreviewModel, shown: boolean): void {
    const drawing = this.drawingOf(m);
    if (!drawing) {
      this.root.replaceChildren();
      this.drawn = undefined;
      return;
    }
    const theme = themeOf();
    // Another target's drawing must not stay in the tab while this one waits to be shown.
    if (this.drawn && this.drawn.model.target !== m.target) {
      this.root.replaceChildren();
      this.drawn = undefined;
    }
    if (drawing.lazy && !shown) return;
    if (this.drawn?.model === m && (!drawing.lazy || this.drawn.theme === theme)) return;
    this.drawn = { model: m, theme };
    this.root.className = `target ${m.target}`;
    const view = m.targetTab?.view;
    drawing.draw(view?.target === m.target ? view.data : undefined, this.root, this.ctx);
  }

  report(m: PreviewModel | undefined): TargetTabReport | undefined {
    const drawing = m && this.drawingOf(m);
    return drawing?.report(this.root);
  }

  private drawingOf(m: PreviewModel): TargetDrawing<unknown> | undefined {
    if (!m.targetTab || !isTargetTab(m.target)) return undefined;
    // One drawing per id, and the view the host posts for an id is that drawing's (TargetView pairs them).
    return TARGET_DRAWINGS[m.target] as TargetDrawing<unknown>;
  }

  private loadScript(file: string): Promise<void> {
    let loading = this.scripts.get(file);
    if (!loading) {
      loading = new Promise<void>((resolve, reject) => {
        const base = this.ownScript?.dataset.scripts;
        if (!base) return reject(new Error(`the page does not say where ${file} is`));
        const s = document.createElement('script');
        s.src = `${base.replace(/\/$/, '')}/${file}`;
        s.nonce = this.ownScript?.nonce ?? '';
        // Our own script, not injected content (the probe counts the others).
        s.dataset.ccmacro = file;
        s.onload = () => resolve();
        s.onerror = () => reject(new Error(`${file} could not be loaded`));
        document.head.appendChild(s);
      });
      this.scripts.set(file, loading);
    }
    return loading;
  }
}

function themeOf(): 'light' | 'dark' {
  const c = document.body.classList;
  return c.contains('vscode-light') || c.contains('vscode-high-contrast-light') ? 'light' : 'dark';
}
