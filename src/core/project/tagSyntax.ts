/**
 * The two ways Centercode editions write a dynamic tag (docs/tags.md): `((Title))` (the Team and Legacy editions'
 * webhook guides; ccmacro's default) and `[[Title]]` (reported for the newer platform). A project picks one in
 * `.ccmacro/config.json` (`"tagSyntax"`); everything that knows tags reads its descriptor from here, so scanning,
 * rendering, completion, messages and conversion never spell a delimiter themselves.
 */
export type TagSyntaxId = 'parentheses' | 'brackets';

export interface TagSyntax {
  readonly id: TagSyntaxId;
  /** `((` or `[[`. */
  readonly open: string;
  /** `))` or `]]`. */
  readonly close: string;
  /** Character codes of one opening and one closing delimiter character. */
  readonly openCode: number;
  readonly closeCode: number;
  /** The literal-text escape: a backslash before the opening pair (`\((`, `\[[`; in JSON source `"\\(("`). */
  readonly escape: string;
  /** How messages name the delimiters: "parentheses", "square brackets". */
  readonly delimiterWords: string;
  /** `((name))` / `[[name]]`. */
  wrap(name: string): string;
}

function syntax(id: TagSyntaxId, open: string, close: string, delimiterWords: string): TagSyntax {
  return Object.freeze({
    id,
    open,
    close,
    openCode: open.charCodeAt(0),
    closeCode: close.charCodeAt(0),
    escape: '\\' + open,
    delimiterWords,
    wrap: (name: string) => open + name + close,
  });
}

export const PARENTHESES: TagSyntax = syntax('parentheses', '((', '))', 'parentheses');
export const BRACKETS: TagSyntax = syntax('brackets', '[[', ']]', 'square brackets');

/**
 * What a project without `.ccmacro/config.json` (or without `tagSyntax` in it) uses: the documented syntax.
 * @alias
 */
export const DEFAULT_TAG_SYNTAX = PARENTHESES;

export const TAG_SYNTAX_IDS: readonly TagSyntaxId[] = ['parentheses', 'brackets'];

export function tagSyntaxOf(id: TagSyntaxId): TagSyntax {
  return id === 'brackets' ? BRACKETS : PARENTHESES;
}

export function isTagSyntaxId(x: unknown): x is TagSyntaxId {
  return x === 'parentheses' || x === 'brackets';
}

/** The syntax a project does not use. */
export function otherTagSyntax(s: TagSyntax): TagSyntax {
  return s.id === 'brackets' ? PARENTHESES : BRACKETS;
}
