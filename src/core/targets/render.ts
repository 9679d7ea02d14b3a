import type { ParsedMacro } from '../macro/parse';
import { renderFor } from '../render/render';
import type { RenderOptions, RenderResult } from '../render/types';
import { macroTarget, targetById, type TargetId } from './index';

interface MacroRenderOptions extends RenderOptions {
  /** Render for this target; undefined: the macro's own (`"target"`, a legacy field, or its URL: macroTarget). */
  target?: TargetId;
}

/**
 * Render a macro against one sample item, with its target's escaping (src/core/render/render.ts does the work).
 * What the preview, `ccmacro render`, snapshots, Copy as cURL and a send all render with. Pure; never throws.
 */
export function renderMacro(parsed: ParsedMacro, options: MacroRenderOptions): RenderResult & { target: TargetId } {
  const target = targetById(options.target ?? macroTarget(parsed));
  return renderFor(target, parsed, options) as RenderResult & { target: TargetId };
}
