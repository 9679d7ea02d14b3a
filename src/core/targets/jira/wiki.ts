/**
 * A value as literal text in Jira wiki markup: the string fields of REST API version 2 (Jira Server/Data Center,
 * and Cloud's v2) that Jira shows with its wiki renderer (description, environment, comments, multi-line custom
 * fields). Sources in docs/jira.md ("Wiki markup"): Atlassian's Text Formatting Notation, and the escaping of the
 * jira-wiki-markup library pandoc uses (a backslash before a punctuation character makes it literal; a backslash
 * itself cannot be escaped, so it is written as the entity `&#92;`).
 *
 * Escaped: every character that starts or ends a construct, `* _ + - ^ ~ ? { } [ ] | ! # : ; ( ) &`, so no value
 * makes bold text, a link (`[text|url]`, `[~user]` mentions), a `{code}`/`{panel}` macro, a table, an image (`!x!`),
 * a list, an emoticon or an entity; and `.` after `h1`–`h6` or `bq` at the start of a line (headings, quotes).
 */
const SPECIAL = new Set('*_+-^~?{}[]|!#:;()&');

export function escapeWiki(value: string): string {
  let out = '';
  for (const c of value) out += c === '\\' ? '&#92;' : SPECIAL.has(c) ? '\\' + c : c;
  return out.replace(/(^|[\r\n])([ \t]*(?:h[1-6]|bq))\./g, '$1$2\\.');
}
