import { parseTree, printParseErrorCode, getNodeValue, type Node, type ParseError } from 'jsonc-parser';
import { formatJsonPath, nodeRange, type PathSegment } from '../common/jsonPath';
import { tooDeepMessage, tooDeepOffset } from '../common/jsonDepth';
import { problem, type Problem } from '../common/problem';
import type { Macro } from './model';

/** A macro file parsed with jsonc-parser, keeping the syntax tree so every problem can point at its source. */
export interface ParsedMacro {
  readonly text: string;
  /** Syntax tree; undefined when the text holds no JSON value at all. */
  readonly root: Node | undefined;
  /** The plain value (comments dropped). */
  readonly value: unknown;
  /** The value when it is at least an object; field types are checked by the schema, not here. */
  readonly macro: Partial<Macro> | undefined;
  readonly syntaxProblems: Problem[];
  /**
   * What ccmacro refuses in well-formed JSON: nesting deeper than MAX_JSON_DEPTH, a key written twice in one object.
   * Unlike syntax errors (which VS Code's JSON language server shows), the editor shows these itself; like them, they
   * stop render, preview, Copy as cURL and send (see usableErrors).
   */
  readonly structureProblems: Problem[];
}

/** The errors that stop ccmacro from using the file at all (render, preview, send): syntax and structure errors. */
export function usableErrors(parsed: ParsedMacro): Problem[] {
  return [...parsed.syntaxProblems, ...parsed.structureProblems].filter(p => p.severity === 'error');
}

const BOM = '\uFEFF';

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Unexpected character here',
  InvalidNumberFormat: 'This number is not written correctly',
  PropertyNameExpected: 'Expected a property name in double quotes',
  ValueExpected: 'Expected a value (a string, number, object, array, true, false or null)',
  ColonExpected: 'Expected a colon (:) after the property name',
  CommaExpected: 'Expected a comma (,) between items',
  CloseBraceExpected: 'Expected a closing brace (}) — the file may be cut short',
  CloseBracketExpected: 'Expected a closing bracket (]) — the file may be cut short',
  EndOfFileExpected: 'Expected the end of the file after the macro object',
  InvalidCommentToken: 'This comment is not closed',
  UnexpectedEndOfComment: 'This comment is not closed',
  UnexpectedEndOfString: 'This string is not closed: add the missing double quote (")',
  UnexpectedEndOfNumber: 'This number is cut short',
  InvalidUnicode: 'Invalid \\u escape: it needs four hexadecimal digits',
  InvalidEscapeCharacter: 'Invalid escape in a string: to write a backslash, type \\\\',
  InvalidCharacter: 'A string cannot contain a raw line break or control character; use \\n instead',
};

export function parseMacro(input: string): ParsedMacro {
  // A byte-order mark is replaced by a space so offsets still match the editor's text.
  const text = input.startsWith(BOM) ? ' ' + input.slice(1) : input;
  // Deeper nesting would overflow the stack in parseTree itself: refuse before parsing.
  const deep = tooDeepOffset(text);
  if (deep >= 0) {
    const tooDeep = problem('json/too-deep', 'error', tooDeepMessage('The macro'), { start: deep, end: deep + 1 });
    return {
      text,
      root: undefined,
      value: undefined,
      macro: undefined,
      syntaxProblems: [],
      structureProblems: [tooDeep],
    };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const syntaxProblems: Problem[] = [];
  for (const e of errors) {
    const code = printParseErrorCode(e.error);
    // A file cut short inside nested objects yields one "} expected" per level, all at the end: say it once.
    const prev = syntaxProblems[syntaxProblems.length - 1];
    if (prev && prev.code === `syntax/${code}` && prev.range.start === e.offset) continue;
    const msg = SYNTAX_MESSAGES[code] ?? `JSON syntax error (${code})`;
    syntaxProblems.push(
      problem(`syntax/${code}`, 'error', msg, { start: e.offset, end: e.offset + Math.max(1, e.length) }),
    );
  }
  if (!root && syntaxProblems.length === 0) {
    syntaxProblems.push(
      problem(
        'syntax/empty',
        'error',
        'The file is empty: a macro is a JSON object with at least "name" and "request"',
        { start: 0, end: 0 },
      ),
    );
  }
  const value = root ? getNodeValue(root) : undefined;
  const macro =
    value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Partial<Macro>) : undefined;
  return { text, root, value, macro, syntaxProblems, structureProblems: root ? duplicateKeys(root) : [] };
}

/**
 * The same key twice in one object (anywhere: request, headers, body, …). JSON readers disagree on which one counts
 * (jsonc-parser's value keeps the last, a naive walk of the tree sends both), so ccmacro refuses the file.
 */
function duplicateKeys(root: Node): Problem[] {
  const out: Problem[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const prop of node.children ?? []) {
        const key = prop.children?.[0];
        if (!key) continue;
        const name = String(key.value);
        if (seen.has(name)) {
          const at = pathOf(node);
          const where = at.length ? ` in \`${formatJsonPath(at)}\`` : '';
          out.push(
            problem(
              'json/duplicate-key',
              'error',
              `\`${name}\` is written twice${where}. JSON readers disagree on which one counts, so ccmacro will not render or send this file: remove one`,
              nodeRange(key),
            ),
          );
        }
        seen.add(name);
        if (prop.children?.[1]) stack.push(prop.children[1]);
      }
    } else if (node.type === 'array') {
      for (const c of node.children ?? []) stack.push(c);
    }
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

/** The path from the root to a value node, following parent links (only needed when reporting). */
function pathOf(node: Node): PathSegment[] {
  const out: PathSegment[] = [];
  let n: Node = node;
  while (n.parent) {
    const p: Node = n.parent;
    if (p.type === 'property') {
      out.unshift(String(p.children![0].value));
      if (!p.parent) break;
      n = p.parent;
    } else {
      if (p.type === 'array') out.unshift(p.children!.indexOf(n));
      n = p;
    }
  }
  return out;
}
