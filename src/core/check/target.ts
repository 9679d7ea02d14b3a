import { nodeAtPath, nodeRange } from '../common/jsonPath';
import { problem, type Problem } from '../common/problem';
import { pushAll } from '../common/arrays';
import { declaredTarget, macroTarget, targetById, targetFromUrl, TARGETS } from '../targets';
import type { CheckContext } from './types';

/**
 * What the macro says about its target, checked against what it writes (loaded on first use, with the registry):
 * a field of an older format version that names a target (Slack's version-1 `"slack"`: a hint and a quick fix),
 * `"target"` against the URL, and the request line the target's service takes (`request/<id>-method`, …).
 */
export function targetProblems(ctx: CheckContext): Problem[] {
  const out: Problem[] = [];
  const declared = declaredTarget(ctx.parsed);
  const macro = ctx.parsed.macro as Record<string, unknown> | undefined;
  for (const t of TARGETS)
    if (t.legacy && macro?.[t.legacy.property] !== undefined) pushAll(out, t.legacy.problems(ctx.parsed, declared));
  if (declared) pushAll(out, urlMismatch(ctx, declared));
  pushAll(out, requestRuleProblems(ctx));
  return out;
}

function urlMismatch(ctx: CheckContext, declared: string): Problem[] {
  const fromUrl = targetById(targetFromUrl(ctx.parsed));
  const targetNode = nodeAtPath(ctx.parsed.root, ['target']);
  if (!fromUrl.recognition || fromUrl.id === declared || !targetNode) return [];
  return [
    problem(
      'macro/target-url-mismatch',
      'warning',
      `The URL is a ${fromUrl.name} address, but "target" is "${declared}": the body is escaped and checked for ${targetById(declared).name}`,
      nodeRange(targetNode),
    ),
  ];
}

/** The methods and body formats the target's service takes (Slack incoming webhooks: a JSON POST). */
function requestRuleProblems(ctx: CheckContext): Problem[] {
  const target = targetById(macroTarget(ctx.parsed));
  const rules = target.request;
  const request = nodeAtPath(ctx.parsed.root, ['request']);
  if (!rules || request?.type !== 'object') return [];
  const out: Problem[] = [];
  const methodNode = nodeAtPath(request, ['method']);
  const method = methodNode?.type === 'string' ? String(methodNode.value).toUpperCase() : undefined;
  if (methodNode && method && rules.methods && !(rules.methods as readonly string[]).includes(method))
    out.push(
      problem(
        `request/${target.id}-method`,
        'warning',
        `${rules.takers} only accept ${rules.methods.join(' or ')}, not ${method}`,
        nodeRange(methodNode),
      ),
    );
  const formatNode = nodeAtPath(request, ['bodyFormat']);
  if (
    formatNode?.type === 'string' &&
    rules.bodyFormats &&
    !(rules.bodyFormats as readonly string[]).includes(String(formatNode.value))
  )
    out.push(
      problem(
        `request/${target.id}-body-format`,
        'warning',
        `${rules.takers} only accept a ${rules.bodyFormats.map(f => f.toUpperCase()).join(' or ')} body: set \`bodyFormat\` to "${rules.bodyFormats[0]}" (or leave it out)`,
        nodeRange(formatNode),
      ),
    );
  return out;
}
