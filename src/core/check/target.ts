import { nodeAtPath, nodeRange } from '../common/jsonPath';
import { problem, type Problem } from '../common/problem';
import { MACRO_TARGETS, type MacroTarget } from '../macro/model';
import { targetFromUrl } from '../targets/recognise';
import type { CheckContext } from './types';

const NAMES: Record<MacroTarget, string> = { slack: 'Slack', teams: 'Microsoft Teams', generic: 'generic' };

/**
 * `"target"` against the deprecated `"slack"` flag and the URL. The version-1 flag still works, with a hint (and
 * a quick fix, src/core/macro/targetFix.ts) to say `"target"` instead.
 */
export function targetCheck(ctx: CheckContext): Problem[] {
  const root = ctx.parsed.root!;
  const out: Problem[] = [];
  const flag = nodeAtPath(root, ['slack']);
  const targetNode = nodeAtPath(root, ['target']);
  const target =
    targetNode?.type === 'string' && (MACRO_TARGETS as readonly string[]).includes(String(targetNode.value))
      ? (targetNode.value as MacroTarget)
      : undefined;
  if (flag?.type === 'boolean' && flag.parent?.type === 'property') {
    const said: MacroTarget = flag.value ? 'slack' : 'generic';
    const at = nodeRange(flag.parent);
    if (!targetNode)
      out.push(
        problem(
          'macro/slack-deprecated',
          'info',
          `"slack": ${flag.value} is the version-1 way to write "target": "${said}"; it still works, but "target" also knows Microsoft Teams`,
          at,
          { target: said },
        ),
      );
    else if (target && target !== said)
      out.push(
        problem(
          'macro/target-conflict',
          'warning',
          `"slack": ${flag.value} disagrees with "target": "${target}"; "target" wins. Remove "slack"`,
          at,
        ),
      );
    else
      out.push(problem('macro/slack-deprecated', 'info', '"target" already says where this posts: remove "slack"', at));
  }
  if (target && targetNode) {
    const fromUrl = targetFromUrl(ctx.parsed);
    if (fromUrl !== 'generic' && fromUrl !== target)
      out.push(
        problem(
          'macro/target-url-mismatch',
          'warning',
          `The URL is a ${NAMES[fromUrl]} address, but "target" is "${target}": the body is escaped and checked for ${NAMES[target]}`,
          nodeRange(targetNode),
        ),
      );
  }
  return out;
}
