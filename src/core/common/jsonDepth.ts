import { createScanner, SyntaxKind } from 'jsonc-parser';
import type { PathSegment } from './jsonPath';

/**
 * How deeply ccmacro lets JSON nest ([ and { inside each other). jsonc-parser's parseTree and getNodeValue, the
 * schema check and the renderer all walk the tree recursively, so text nested deeper (100,000 `[`) would overflow the
 * stack; every reader of a macro, a sample or a catalog checks this first and reports a located error instead.
 * Real webhook bodies nest a handful of levels (serde_json uses the same limit).
 */
export const MAX_JSON_DEPTH = 128;

/**
 * The offset of the first `[` or `{` that opens level MAX_JSON_DEPTH + 1 (outside strings and comments, as
 * jsonc-parser reads them), or -1 when the text stays within the limit.
 */
export function tooDeepOffset(text: string, limit = MAX_JSON_DEPTH): number {
  // Most texts hold fewer openers than the limit in all: then they cannot nest deeper, and one cheap pass says so.
  let openers = 0;
  for (let i = 0; i < text.length && openers <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) openers++;
  }
  if (openers <= limit) return -1;
  const scanner = createScanner(text, true);
  // Only a matching closer ends a level: on broken text this errs towards "too deep", never towards a crash.
  const open: SyntaxKind[] = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBracketToken || kind === SyntaxKind.OpenBraceToken) {
      open.push(kind);
      if (open.length > limit) return scanner.getTokenOffset();
    } else if (kind === SyntaxKind.CloseBracketToken) {
      if (open[open.length - 1] === SyntaxKind.OpenBracketToken) open.pop();
    } else if (kind === SyntaxKind.CloseBraceToken) {
      if (open[open.length - 1] === SyntaxKind.OpenBraceToken) open.pop();
    }
  }
  return -1;
}

/** The sentence for text nested too deeply (the first part names what: "The macro", "The sample file", …). */
export function tooDeepMessage(what: string): string {
  return `${what} is nested too deeply here: more than ${MAX_JSON_DEPTH} levels of [ and { inside each other. ccmacro stops reading it at this point`;
}

/**
 * The path to the first array or object that opens level `limit` + 1 of a parsed JSON value (a request body that
 * came over the network, a rendered message), or undefined when it stays within the limit. Iterative: it is what
 * guards the recursive readers (the Adaptive Cards library, JSON.stringify) from text nested thousands deep.
 */
export function valueTooDeepPath(value: unknown, limit = MAX_JSON_DEPTH): PathSegment[] | undefined {
  // Each entry: a container, its depth, and the step that led to it (parent index in `steps`).
  const stack: Array<{ node: object; depth: number; step: number }> = [];
  const steps: Array<{ key: PathSegment; parent: number }> = [];
  if (value !== null && typeof value === 'object') stack.push({ node: value, depth: 1, step: -1 });
  while (stack.length) {
    const { node, depth, step } = stack.pop()!;
    if (depth > limit) {
      const path: PathSegment[] = [];
      for (let s = step; s >= 0; s = steps[s].parent) path.push(steps[s].key);
      return path.reverse();
    }
    const children: Array<[PathSegment, unknown]> = Array.isArray(node)
      ? node.map((v, i): [PathSegment, unknown] => [i, v])
      : Object.entries(node);
    // Pushed in reverse, so the first child is looked at first (the path found is the first in document order).
    for (let i = children.length - 1; i >= 0; i--) {
      const [key, child] = children[i];
      if (child === null || typeof child !== 'object') continue;
      steps.push({ key, parent: step });
      stack.push({ node: child, depth: depth + 1, step: steps.length - 1 });
    }
  }
  return undefined;
}

/**
 * JSON text re-indented by two spaces for people to read (as `JSON.stringify(JSON.parse(text), null, 2)`), or
 * undefined when it is not JSON or nests deeper than MAX_JSON_DEPTH: JSON.stringify recurses, and text nested
 * thousands deep, indented, grows with the square of its depth. Callers then show the text as it came.
 */
export function reindentJson(text: string): string | undefined {
  if (tooDeepOffset(text) >= 0) return undefined;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return undefined;
  }
}
