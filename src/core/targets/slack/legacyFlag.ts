import { modify } from 'jsonc-parser';
import { nodeAtPath, nodeRange } from '../../common/jsonPath';
import { problem, type Problem } from '../../common/problem';
import type { ParsedMacro } from '../../macro/parse';
import type { LegacyField, MacroFix, TargetFixes } from '../types';

/**
 * The version-1 `"slack": true|false`, which said what `"target": "slack"` (or `"generic"`) says now. It still works
 * when the macro has no `"target"`, with a hint and a quick fix that writes `"target"` instead.
 */
export const SLACK_FLAG: LegacyField = {
  property: 'slack',
  targetOf: value => (typeof value === 'boolean' ? flagTarget(value) : undefined),
  problems: flagProblems,
};

/** The quick fix for the flag's hint and for its conflict with `"target"`. */
export const SLACK_FLAG_FIXES: TargetFixes = {
  codes: ['macro/slack-deprecated', 'macro/target-conflict'],
  fix: parsed => slackFlagFix(parsed),
};

function flagTarget(flag: boolean): string {
  return flag ? 'slack' : 'generic';
}

/** A hint on the flag; a warning when `"target"` names another target (it wins). */
function flagProblems(parsed: ParsedMacro, declared: string | undefined): Problem[] {
  const flag = nodeAtPath(parsed.root, ['slack']);
  if (flag?.type !== 'boolean' || flag.parent?.type !== 'property') return [];
  const said = flagTarget(flag.value === true);
  const at = nodeRange(flag.parent);
  if (!nodeAtPath(parsed.root, ['target']))
    return [
      problem(
        'macro/slack-deprecated',
        'info',
        `"slack": ${flag.value} is the version-1 way to write "target": "${said}"; it still works, but "target" also knows Microsoft Teams`,
        at,
        { target: said },
      ),
    ];
  if (declared !== undefined && declared !== said)
    return [
      problem(
        'macro/target-conflict',
        'warning',
        `"slack": ${flag.value} disagrees with "target": "${declared}"; "target" wins. Remove "slack"`,
        at,
      ),
    ];
  return [problem('macro/slack-deprecated', 'info', '"target" already says where this posts: remove "slack"', at)];
}

/**
 * The fix for the flag: replace it in place with `"target": "slack"` (or `"generic"`), or, when the macro already has
 * a `target`, remove it. Undefined when there is no such flag.
 */
export function slackFlagFix(parsed: ParsedMacro): MacroFix | undefined {
  const flag = nodeAtPath(parsed.root, ['slack']);
  const prop = flag?.parent;
  if (!flag || flag.type !== 'boolean' || prop?.type !== 'property') return undefined;
  if (!nodeAtPath(parsed.root, ['target'])) {
    const target = flagTarget(flag.value === true);
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
