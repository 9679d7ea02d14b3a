/**
 * Nothing ccmacro prints can be taken for a CI command. CI runners read a job's output line by line and act on some
 * lines: GitHub Actions runs a line that starts with `::name …::` after leading white space (`::error file=…::`,
 * `::add-mask::`, and `::stop-commands::TOKEN`, which switches off every later command, ccmacro's own annotations
 * included) and a line that holds `##[name]` anywhere (the legacy form); Azure Pipelines runs `##vso[…]` anywhere,
 * TeamCity `##teamcity[…]` anywhere in a line; other services use the same `##<word>[` shape, so every one is broken.
 * Macro names, file names and sample values are someone else's text, so every report that carries them goes out
 * through one of these functions, each keeping what the text means in its own format:
 *
 * - `inertText` (what people read: the human report, `validate` text, `diff` text and Markdown, error lines) puts a
 *   backslash in: `##\[`, `##vso\[`, `##teamcity\[` (any `##<word>[`), `:\:stop-commands`, and `\::` before `::` that
 *   starts a line.
 * - `inertJson` (GitLab Code Quality, `validate --format json`) and `inertXml` (JUnit) write the same characters as
 *   escapes of their format (`\u005b` / `&#91;` for `[`, `\u003a` / `&#58;` for `:`): the value read back is unchanged.
 *
 * ccmacro's own workflow commands (`githubAnnotation`) are the only lines written around these, and their data goes
 * through `inertText` too. docs/cli.md ("CI output") describes the rule.
 */

/** What each format writes for the `[` of `##<word>[`, the `::` of `::stop-commands`, and a `::` that starts a line. */
interface Escapes {
  bracket: string;
  stop: string;
  lead: string;
}

const TEXT: Escapes = { bracket: '\\[', stop: ':\\:', lead: '\\::' };
const JSON_ESCAPES: Escapes = { bracket: '\\u005b', stop: '\\u003a:', lead: '\\u003a:' };
const XML_ESCAPES: Escapes = { bracket: '&#91;', stop: '&#58;:', lead: '&#58;:' };

/**
 * `##` and a word (letters, digits, `_`, `-`; none for GitHub's legacy form) before `[`: `##[`, `##vso[`,
 * `##teamcity[`, any case. The word cannot hold `#`, so each `##` is looked at once: linear.
 */
const LEGACY = /##([\w-]*)\[/g;
/** `::stop-commands` anywhere, any case. */
const STOP = /::(stop-commands)/gi;
/**
 * `::` after a line's leading white space. The runner trims with .NET's `char.IsWhiteSpace` (JavaScript's `\s`
 * plus U+0085) and breaks lines at LF and CR; `^` here also matches after U+2028/U+2029, which only adds escapes.
 * Line breaks are not in the class, so no line is scanned twice.
 */
const LEADING = /^([\t\v\f \x85\xa0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]*)::/gm;

function inert(text: string, e: Escapes): string {
  if (!text.includes('##') && !text.includes('::')) return text;
  return text
    .replace(LEGACY, (_, word: string) => `##${word}${e.bracket}`)
    .replace(STOP, (_, word: string) => `${e.stop}${word}`)
    .replace(LEADING, (_, space: string) => `${space}${e.lead}`);
}

/** Text for people, with a backslash where a CI runner would otherwise see a command. */
export function inertText(text: string): string {
  return inert(text, TEXT);
}

/**
 * The data of one of ccmacro's own workflow commands (what follows its `::`): `inertText`, and a backslash in front
 * of a leading `stop-commands` or `:stop-commands`, which would make `::stop-commands` with the `::` before it.
 */
export function inertCommandData(text: string): string {
  const t = inertText(text);
  return /^:*stop-commands/i.test(t) ? `\\${t}` : t;
}

/** JSON text with `[` and `:` escaped where a CI runner would see a command; JSON.parse gives the same value. */
export function inertJson(json: string): string {
  return inert(json, JSON_ESCAPES);
}

/** XML with `[` and `:` as character references where a CI runner would see a command; the same document. */
export function inertXml(xml: string): string {
  return inert(xml, XML_ESCAPES);
}
