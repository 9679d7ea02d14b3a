import { modify } from 'jsonc-parser';
import { nodeAtPath } from '../../common/jsonPath';
import type { ParsedMacro } from '../../macro/parse';

/** A quick fix as plain edits of the macro text (offsets into `parsed.text`, applied together). */
export interface MacroFix {
  title: string;
  edits: Array<{ start: number; end: number; newText: string }>;
}

/**
 * The fix for the deprecated version-1 `"slack": true|false`: replace it in place with `"target": "slack"` (or
 * `"generic"`), or, when the macro already has a `target`, remove it. Undefined when there is no such flag.
 */
export function slackFlagFix(parsed: ParsedMacro): MacroFix | undefined {
  const flag = nodeAtPath(parsed.root, ['slack']);
  const prop = flag?.parent;
  if (!flag || flag.type !== 'boolean' || prop?.type !== 'property') return undefined;
  if (!nodeAtPath(parsed.root, ['target'])) {
    const target = flag.value === true ? 'slack' : 'generic';
    return {
      title: `Replace with "target": "${target}"`,
      edits: [{ start: prop.offset, end: prop.offset + prop.length, newText: `"target": "${target}"` }],
    };
  }
  const edits = modify(parsed.text, ['slack'], undefined, { formattingOptions: { insertSpaces: true, tabSize: 2 } });
  return {
    title: 'Remove "slack" ("target" says what the macro posts to)',
    edits: edits.map(e => ({ start: e.offset, end: e.offset + e.length, newText: e.content })),
  };
}
