import { createScanner, SyntaxKind } from 'jsonc-parser';
import { tooDeepOffset } from '../common/jsonDepth';

/**
 * JSON text re-indented for reading, with a map from offsets in the original text to offsets in
 * the indented one, so highlighted spans (substituted values) survive the re-indent. Tokens are
 * copied verbatim: escapes and number spellings stay exactly as sent.
 */
interface PrettyJson {
  text: string;
  /** Offset in `text` for an offset in the original. `end` maps a range end (stays before skipped spaces). */
  mapOffset(offset: number, bias: 'start' | 'end'): number;
}

/** undefined when the text is not strict JSON or nests deeper than MAX_JSON_DEPTH (then it is shown as sent). */
export function prettyPrintJson(original: string, indent = '  '): PrettyJson | undefined {
  // Text nested thousands deep, indented, grows with the square of its depth: it is shown as sent.
  if (tooDeepOffset(original) >= 0) return undefined;
  try {
    JSON.parse(original);
  } catch {
    return undefined;
  }
  const scanner = createScanner(original, true);
  const kinds: SyntaxKind[] = [];
  const offsets: number[] = [];
  const lengths: number[] = [];
  for (let k = scanner.scan(); k !== SyntaxKind.EOF; k = scanner.scan()) {
    if (k === SyntaxKind.LineCommentTrivia || k === SyntaxKind.BlockCommentTrivia) return undefined;
    kinds.push(k);
    offsets.push(scanner.getTokenOffset());
    lengths.push(scanner.getTokenLength());
  }
  const parts: string[] = [];
  const newOffsets = new Array<number>(kinds.length);
  let pos = 0;
  let depth = 0;
  const emit = (s: string) => {
    parts.push(s);
    pos += s.length;
  };
  const newline = () => emit('\n' + indent.repeat(depth));
  for (let t = 0; t < kinds.length; t++) {
    const kind = kinds[t];
    const token = original.substr(offsets[t], lengths[t]);
    const opens = kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken;
    const closes = kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken;
    if (closes && !isEmptyContainerEnd(kinds, t)) {
      depth--;
      newline();
    }
    newOffsets[t] = pos;
    emit(token);
    if (opens && !isEmptyContainerStart(kinds, t)) {
      depth++;
      newline();
    } else if (kind === SyntaxKind.CommaToken) {
      newline();
    } else if (kind === SyntaxKind.ColonToken) {
      emit(' ');
    }
  }
  const text = parts.join('');

  const mapOffset = (offset: number, bias: 'start' | 'end'): number => {
    // A start belongs to the last token starting at or before it; an end to the last token starting before it.
    const before = (t: number) => (bias === 'start' ? offsets[t] <= offset : offsets[t] < offset);
    if (offsets.length === 0 || !before(0)) return 0;
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (before(mid)) lo = mid;
      else hi = mid - 1;
    }
    const inside = offset - offsets[lo];
    if (inside < lengths[lo] || (bias === 'end' && inside === lengths[lo])) return newOffsets[lo] + inside;
    // In skipped whitespace: a start moves to the next token, an end stays after the previous one.
    if (bias === 'end' || lo + 1 >= offsets.length) return newOffsets[lo] + lengths[lo];
    return newOffsets[lo + 1];
  };
  return { text, mapOffset };
}

function isEmptyContainerStart(kinds: SyntaxKind[], t: number): boolean {
  const next = kinds[t + 1];
  return (
    (kinds[t] === SyntaxKind.OpenBraceToken && next === SyntaxKind.CloseBraceToken) ||
    (kinds[t] === SyntaxKind.OpenBracketToken && next === SyntaxKind.CloseBracketToken)
  );
}

function isEmptyContainerEnd(kinds: SyntaxKind[], t: number): boolean {
  return t > 0 && isEmptyContainerStart(kinds, t - 1);
}
