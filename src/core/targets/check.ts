import type { Node } from 'jsonc-parser';
import { nodeAtPath, nodeRange, type PathSegment } from '../common/jsonPath';
import { problem, type Problem } from '../common/problem';
import type { OffsetRange } from '../common/text';
import type { ParsedMacro } from '../macro/parse';
import { compileMacro } from '../render/compile';
import type { RenderResult } from '../render/types';
import { targetById } from './index';
import type { TargetFinding } from './types';

/**
 * The target's payload check of one render of a macro, located in the macro: what the editor and `ccmacro validate`
 * (check/targetRender.ts), `ccmacro render`, `ccmacro test` and the preview all report. It is not part of the render:
 * a request its target would refuse still renders (a send shows the service's own answer). Empty when the target has
 * no payload check or the macro has no JSON body.
 */
export async function checkTargetPayload(
  parsed: ParsedMacro,
  result: Pick<RenderResult, 'target' | 'request'>,
): Promise<Problem[]> {
  const target = targetById(result.target);
  const request = result.request;
  const c = compileMacro(parsed);
  if (!target.checkPayload || request?.bodyText === undefined || c.format !== 'json' || !c.bodyNode) return [];
  const findings = await target.checkPayload({
    method: request.method,
    url: request.url,
    contentType: request.contentType,
    headers: request.headers,
    bodyText: request.bodyText,
    tagSyntax: parsed.tagSyntax,
  });
  return findingProblems(findings, c.bodyNode, parsed.root);
}

/**
 * Findings as problems in the macro, located through its body node; one about the request line or a header
 * (`part`) at the macro's URL, method or Content-Type header (`root`: the macro's root node). A limit finding keeps
 * its limit's name and its path into the payload in `data` (`{ limit, path }`): the longest-values check
 * (check/longestValues.ts) reads them.
 */
function findingProblems(findings: readonly TargetFinding[], bodyNode: Node, root?: Node): Problem[] {
  return findings.map(f =>
    problem(
      f.code,
      f.severity,
      f.message,
      (f.part && root && locatePart(root, f.part)) || locateInBody(bodyNode, f.path),
      f.limit !== undefined ? { limit: f.limit, path: f.path } : undefined,
    ),
  );
}

/** The macro's `request.url` or `request.method` value, or its Content-Type header (else `headers`, else `request`). */
function locatePart(root: Node, part: NonNullable<TargetFinding['part']>): OffsetRange | undefined {
  const request = nodeAtPath(root, ['request']);
  if (!request) return undefined;
  if (part !== 'content-type') {
    const node = nodeAtPath(request, [part]);
    return node ? nodeRange(node) : keyRange(request);
  }
  const headers = nodeAtPath(request, ['headers']);
  const header = headers?.children?.filter(p => String(p.children?.[0]?.value).toLowerCase() === 'content-type').pop();
  if (header?.children?.[1]) return nodeRange(header.children[1]);
  return headers ? keyRange(headers) : keyRange(request);
}

/** The property name of the property whose value is `node` (or the node's first character). */
function keyRange(node: Node): OffsetRange {
  const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  return key ? nodeRange(key) : { start: node.offset, end: node.offset + 1 };
}

/**
 * Where a finding is in the macro: the payload is the macro's JSON body with values filled in, so a path into the
 * payload is the same path in the body. A path that goes on inside a filled-in value (a `((Tag)):json`), or to a
 * property the body does not have, stops at the deepest node the body has: for an object, its `type` value, so a
 * problem about an element is shown on the element's first line, not across all of it.
 */
function locateInBody(bodyNode: Node, path: readonly PathSegment[]): OffsetRange {
  let node = bodyNode;
  let exact = true;
  for (let i = 0; i < path.length; i++) {
    const next = nodeAtPath(node, [path[i]]);
    if (!next) {
      exact = false;
      break;
    }
    node = next;
  }
  if (!exact && node.type === 'object') {
    const type = nodeAtPath(node, ['type']);
    if (type) return nodeRange(type);
    return { start: node.offset, end: node.offset + 1 };
  }
  if (node.type === 'object' || node.type === 'array') return { start: node.offset, end: node.offset + 1 };
  return nodeRange(node);
}
