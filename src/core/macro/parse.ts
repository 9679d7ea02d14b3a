import { parseTree, printParseErrorCode, getNodeValue, type Node, type ParseError } from 'jsonc-parser';
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
  return { text, root, value, macro, syntaxProblems };
}
