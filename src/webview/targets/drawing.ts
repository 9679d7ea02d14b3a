import type { TargetTabReport } from '../../core/preview/messages';

/** What the preview page gives a drawing module. */
export interface DrawContext {
  /** The colours VS Code shows (light or dark, high contrast included). */
  theme(): 'light' | 'dark';
  /** Load a script of dist/webview/ (a renderer too heavy for the page itself) once, with the page's nonce. */
  loadScript(file: string): Promise<void>;
}

/**
 * How the preview draws one target's tab (src/webview/targets/<id>.ts), from the view model the target's core
 * folder makes (src/core/targets/<id>/). Every value is drawn as text; links are shown, never followed.
 */
export interface TargetDrawing<View> {
  /**
   * Draw `view` into `root`, replacing what is there (undefined: the request does not render). Called for each new
   * model; a `lazy` drawing is called only while its tab is shown, and again when VS Code's theme changes.
   */
  draw(view: View | undefined, root: HTMLElement, ctx: DrawContext): void;
  /** Draw only while the tab is shown (its renderer loads on first use), and redraw on theme changes. */
  readonly lazy?: boolean;
  /** What the tab shows, for the host tests' DOM probe. */
  report(root: HTMLElement): TargetTabReport;
}
