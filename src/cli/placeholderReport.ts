import type { UnresolvedPlaceholder } from '../core/secrets/resolve';
import type { LineIndex } from '../core/common/text';

/** `path:line:col: error: … [render/unset-secret]` for a ${secret:…}/${env:…} that has no usable value (render and send). */
export function unsetPlaceholderLine(shown: string, text: string, lines: LineIndex, m: UnresolvedPlaceholder): string {
  const at = text.indexOf(`\${${m.kind}:${m.name}}`);
  const pos = lines.positionAt(Math.max(0, at));
  return `${shown}:${pos.line + 1}:${pos.character + 1}: error: ${m.hint} [render/unset-${m.kind}]\n`;
}
