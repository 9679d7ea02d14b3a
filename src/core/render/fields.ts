import type { Node } from 'jsonc-parser';
import type { PathSegment } from '../common/jsonPath';
import type { Severity } from '../common/problem';

/**
 * How a target writes sample values into a JSON body: the render's plug-in point. A target tells kinds of field
 * apart (Slack: text objects and web-address fields; Teams: Markdown, URL and plain card fields) and escapes a value
 * for the kind of field its tag sits in, so it shows as the text it is. Targets implement it in
 * src/core/targets/<id>/; the render (render.ts) asks it once per tag and kind.
 */
export interface FieldEncoding<K extends string = string> {
  readonly kinds: Readonly<Record<K, FieldKind>>;
  /** The kind of a string the body writes a tag in; undefined: every string is `defaultKind`. */
  kindOf?(site: FieldSite): K;
  /** The kind of every string when there is no kindOf (and of a string kindOf cannot place). */
  readonly defaultKind: K;
}

/** Where a tag sits in a JSON body: the string node it is written in. */
export interface FieldSite {
  node: Node;
  /** The tag starts the string (`"((Feedback URL))/x"`): the value begins the field, e.g. it is the whole URL. */
  opens: boolean;
}

export interface FieldKind {
  /** What such a field is, for the docs and the conformance suite: "a mrkdwn or plain_text text object". */
  readonly description: string;
  /** The value as the field's text (the JSON string escaping comes after). */
  encode(value: string): string;
  /**
   * Why a value cannot go in such a field as it is; reported at its tag (an error stops the render). `tag` is the tag
   * as the macro's project writes it (`((Title))` or `[[Title]]`), for the message.
   */
  refuse?(value: string, tag: string): ValueProblem | undefined;
  /** A body with one field of this kind holding `((Value))`, and the path of that field (conformance suite). */
  readonly example: { readonly body: unknown; readonly path: readonly PathSegment[] };
}

/** What is wrong with a value where it lands: `render/<target>-…` code, severity, a message naming the tag. */
export interface ValueProblem {
  code: string;
  severity: Severity;
  message: string;
}

/** What the render needs of a target: its id (the RenderResult says it) and its field encoding. */
export interface RenderTarget {
  readonly id: string;
  readonly fields: FieldEncoding;
}
