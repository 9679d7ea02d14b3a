import type { Problem } from '../common/problem';
import type { OffsetRange } from '../common/text';
import type { SampleItem } from '../samples/types';

/**
 * The render API. Everything here is pure and synchronous; the preview panel, `ccmacro render` and the send command
 * all build on it.
 *
 *   renderMacro(parsed, { sample }) -> RenderResult   (src/core/targets/render.ts: the render for the macro's target)
 *     - request: what would be sent (undefined when errors prevent rendering: missing tags, header injection, …)
 *     - substitutions: one per tag occurrence, mapping document offsets of `((tag))` to offsets in the output
 *     - problems: render errors and warnings with ranges in the macro document
 *     - target: the id of the target the values were escaped for (each escapes by the kind of field a value lands
 *       in; what the target would refuse is its payload check's business, not the render's: targets/check.ts)
 *
 * `${secret:X}` / `${env:X}` placeholders are NOT resolved here: they stay verbatim in url and header values, which
 * is also the masked form for previews. Resolve them at send time with resolvePlaceholders (src/core/secrets.ts),
 * which only replaces placeholders the author wrote (recorded in `request.placeholders`), never text that came
 * from a sample value.
 */

export interface RenderOptions {
  sample: SampleItem;
  /** Render a tag with no value in the sample as empty text instead of reporting an error. */
  allowMissing?: boolean;
  /**
   * The values of `${var:NAME}` (the active environment: src/core/environments), or `keep` to leave each one as
   * written, by name (snapshots, which do not depend on the environment). Undefined: no environment, so a
   * `${var:…}` is a render error.
   */
  vars?: VarValues | 'keep';
}

/** Where `${var:NAME}` values come from: one environment of the environment files (src/core/environments). */
export interface VarValues {
  /** The environment's name (for messages and the preview). */
  readonly environment: string;
  /** The value, and where it is written; undefined when neither the environment nor `$shared` gives one. */
  lookup(name: string): VarValue | undefined;
}

export interface VarValue {
  value: string;
  /** Where the value is written: the file (absolute path), the section (`staging`, `$shared`) and the value's range. */
  file: string;
  section: string;
  range: OffsetRange;
}

/** One `${var:NAME}` filled in by a render: from where in the macro to where in the output, and the value's home. */
export interface VarSubstitution {
  name: string;
  /** Document offsets of `${var:NAME}` in the macro. */
  source: OffsetRange;
  target: Substitution['target'];
  /** The value as written in the environment file (its encoded form is in the target range). */
  value: string;
  from: Omit<VarValue, 'value'>;
}

/** A `${secret:NAME}` / `${env:NAME}` the author wrote, located in the rendered url or a header value. */
export interface PlaceholderSite {
  part: 'url' | 'header';
  headerIndex?: number;
  start: number;
  end: number;
  kind: 'secret' | 'env';
  name: string;
}

/** One header as written and sent; names keep the author's case. */
export interface HttpHeader {
  name: string;
  value: string;
}

export interface RenderedRequest {
  method: string;
  url: string;
  /** In authored order; a default Content-Type (see contentType) is appended when the macro sets none. */
  headers: HttpHeader[];
  /** The body as text (undefined when the macro has no body). */
  bodyText?: string;
  /** UTF-8 bytes of bodyText: exactly what is sent (made on first read, then kept). */
  body?: Uint8Array;
  /** The Content-Type header value that goes with the body (authored or the default for bodyFormat). */
  contentType?: string;
  /**
   * Placeholders the author wrote in url/headers (still verbatim). Only these may be resolved; renderMacro always
   * sets it. When absent (a request built by hand), resolvePlaceholders scans url and header values instead.
   */
  placeholders?: PlaceholderSite[];
}

export interface Substitution {
  /** The tag name, e.g. "Feedback ID". */
  tag: string;
  /** Document offsets of the whole `((tag))` (for a typed value `((tag)):number`, just the tag part). */
  source: OffsetRange;
  /** Where the encoded value landed: offsets into url, the header's value, or bodyText. */
  target: { part: 'url' | 'header' | 'body'; headerIndex?: number; start: number; end: number };
  /** The sample value as plain text (before JSON/URL/XML and the target's encoding); the target range holds its encoded form. */
  value: string;
  /** Set for a typed JSON value (`((Tag)):number` …): the target holds a JSON value, not string content. */
  typed?: ValueType;
}

export interface RenderResult {
  request?: RenderedRequest;
  substitutions: Substitution[];
  /** Render errors and warnings, ranges in the macro document. */
  problems: Problem[];
  /** The id of the target the values were escaped for (src/core/targets). */
  target: string;
  /** Each `${var:NAME}` filled in (none with `vars: 'keep'`), and the environment they came from. */
  vars?: { environment: string; substitutions: VarSubstitution[] };
}

/** Type a JSON-body string that is exactly one tag plus a suffix, e.g. `"((Story Points)):number"`. */
export type ValueType = 'number' | 'boolean' | 'json';
