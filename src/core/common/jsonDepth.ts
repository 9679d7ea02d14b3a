import { createScanner, SyntaxKind } from 'jsonc-parser';

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
