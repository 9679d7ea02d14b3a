import type { TagSyntax } from '../project/tagSyntax';
import type { PathSegment } from '../common/jsonPath';
import type { Problem, Severity } from '../common/problem';
import type { BodyFormat, HttpMethod } from '../macro/model';
import type { ParsedMacro } from '../macro/parse';
import type { FieldEncoding } from '../render/fields';
import type { HttpHeader, Substitution } from '../render/types';

/**
 * A target: one service a macro posts to (Slack, Microsoft Teams, or any other endpoint), with everything that
 * service means for a macro. Each target is a folder, src/core/targets/<id>/, whose index.ts exports one Target;
 * the registry (targets/index.ts) lists them, and nothing outside a target's folder knows one by name. Only the
 * identity, the field encoding and the templates are required: without a payload check, a preview tab or receiver
 * behaviour, a macro for the target is checked, previewed and received like one for any endpoint.
 */
export interface Target<Id extends string = string> {
  /** The `"target"` value that names it: "slack", "teams". */
  readonly id: Id;
  /** How messages name it: "Slack", "Microsoft Teams". */
  readonly name: string;
  /** What choosing it does, for the schema's "target" values and the docs: plain text, and Markdown. */
  readonly summary: { readonly text: string; readonly markdown: string };
  /** How a macro that does not say `"target"` is recognised as this target's. */
  readonly recognition?: TargetRecognition;
  /** A field of older format versions that names a target (Slack's version-1 `"slack": true`). */
  readonly legacy?: LegacyField;
  /** Quick fixes for its problems, which the editor offers on them (Slack: `"slack": true` → `"target": "slack"`). */
  readonly fixes?: TargetFixes;
  /** How a value is written into each kind of field of a JSON body (the render's escaping). */
  readonly fields: FieldEncoding;
  /** What the service takes on the request line (e.g. only a JSON POST). */
  readonly request?: RequestRules;
  /** The service's documented limits by name (docs/<target>.md gives each one's source). */
  readonly limits?: Readonly<Record<string, number>>;
  /**
   * What the service would refuse or show differently in a rendered request, at JSON paths of its payload (the
   * check pipeline places them in the macro: targets/check.ts). Heavy parts load on first use with `await import()`.
   */
  checkPayload?(request: TargetRequest): Promise<TargetFinding[]>;
  /** The preview's tab for this target, and the view model the webview's drawing module draws there. */
  readonly preview?: TargetPreview;
  /** What the local test receiver answers under `/<id>/…`, checking the request as the service does. */
  readonly receiver?: TargetReceiver;
  /** What an answer of the real service means in plain words (undefined when it is not this service's answer). */
  explainAnswer?(answer: ServiceAnswer): string | undefined;
  /** Starting points for "New Webhook Macro…" and `ccmacro new`, each with the schema's empty-file snippet. */
  readonly templates: readonly TargetTemplate[];
}

export interface TargetRecognition {
  /** Addresses of the service, as examples for messages, docs and the conformance suite. */
  readonly exampleUrls: readonly string[];
  /** Whether the macro posts to this service, from what it writes literally: its URL's host, method and body. */
  matches(macro: RecognitionInput): boolean;
}

export interface RecognitionInput {
  /** The URL's host in lower case when the macro writes it literally (not a `${secret:…}` placeholder). */
  host: string | undefined;
  parsed: ParsedMacro;
}

export interface LegacyField {
  /** The property, e.g. "slack". */
  readonly property: string;
  /** The target the field says (this one or another); undefined when it says nothing usable. */
  targetOf(value: unknown): string | undefined;
  /** Its problems (a deprecation hint, a conflict with `"target"`), located; `declared`: the valid `"target"`. */
  problems(parsed: ParsedMacro, declared: string | undefined): Problem[];
}

export interface TargetFixes {
  /** The problem codes there is a fix for. */
  readonly codes: readonly string[];
  /** The fix for a problem `code`, computed from the current text (undefined when the problem is gone). */
  fix(parsed: ParsedMacro, code: string): MacroFix | undefined;
}

/** A quick fix as plain edits of the macro text (offsets into `parsed.text`, applied together). */
export interface MacroFix {
  title: string;
  edits: Array<{ start: number; end: number; newText: string }>;
}

export interface RequestRules {
  /** Who takes the request, for messages: "Slack incoming webhooks". */
  readonly takers: string;
  /** The methods the service accepts (another one is `request/<id>-method`). */
  readonly methods?: readonly HttpMethod[];
  /** The body formats it reads (another one is `request/<id>-body-format`). */
  readonly bodyFormats?: readonly BodyFormat[];
}

/** A request as the service gets it: from a render (placeholders still verbatim) or at the local receiver. */
export interface TargetRequest {
  method: string;
  /** The URL as rendered, or at the receiver the path after `/<id>`. */
  url: string;
  contentType?: string;
  /** The headers as sent (Azure DevOps also takes `api-version` in the Accept header). */
  headers?: readonly HttpHeader[];
  bodyText: string;
  /** How the macro's project writes a tag, for the examples messages give; default parentheses (the receiver). */
  tagSyntax?: TagSyntax;
}

/** One thing the service would refuse (an error) or show differently, at a path into the parsed payload. */
export interface TargetFinding {
  /** `render/<id>-…`, listed in docs/cli.md. */
  code: string;
  severity: Severity;
  message: string;
  /** Where in the payload (`[]`: the whole payload). */
  path: PathSegment[];
  /**
   * A finding about the request line or a header rather than the body: located at the macro's `request.url`,
   * `request.method` or Content-Type header (`path` is then ignored).
   */
  part?: 'url' | 'method' | 'content-type';
  /** Set for a length or size limit: its name in the target's `limits`. */
  limit?: string;
}

export interface TargetPreview<View = unknown> {
  /** The tab's label: "Slack message", "Teams card". */
  readonly tab: string;
  /** The view model of a rendered body (plain JSON; every value in it is text, never markup). */
  view(render: PreviewRender): View;
}

/** What a target's preview reads of a render. */
export interface PreviewRender {
  bodyText: string;
  /** The request line (Jira tells an issue's creation from an edit or a comment by it; Azure DevOps' address holds the work item type). */
  method?: string;
  url?: string;
  substitutions: ReadonlyArray<Pick<Substitution, 'tag' | 'source' | 'target' | 'typed'>>;
  /** How the macro's project writes a tag (a value's hover names its tag so); default parentheses. */
  tagSyntax?: TagSyntax;
}

export interface TargetReceiver {
  /** What the receiver does under `/<id>/`, for `ccmacro receive --help`: "like a Slack incoming webhook (…)". */
  readonly describe: string;
  /** The receiver path a macro is sent to; default `/<id>/<slug of the macro's name>`. */
  path?(macroUrl: string, slug: string): string;
  /** The answer to a request under `/<id>`, as the service would give it (stricter where the service fails later). */
  answer(request: ReceivedRequestView): Promise<ReceiverAnswer>;
}

export interface ReceivedRequestView {
  method: string;
  /** The path after `/<id>`, with the query ("/escalate?x=1"). */
  path: string;
  headers: readonly HttpHeader[];
  /** The Content-Type header's value. */
  contentType?: string;
  bodyText: string;
  /** The full body size; the receiver keeps at most 1 MB of it in bodyText. */
  bodyBytes: number;
}

export interface ReceiverAnswer {
  status: number;
  body: string;
  /** Default text/plain. */
  contentType?: string;
  /** What the service would do beyond the answer, e.g. truncate long text. */
  note?: string;
}

/** An answer of the real service, to explain. */
export interface ServiceAnswer {
  status: number;
  bodyText: string;
  /** The URL the request went to. */
  url: string;
}

export interface TargetTemplate {
  /** The name `ccmacro new --target` and "New Webhook Macro…" use: "slack", "jira". */
  readonly kind: string;
  readonly label: string;
  readonly description: string;
  /** Comment lines on top of the new file. */
  readonly comment: readonly string[];
  /** Whether the file says `"target"` (a template for a generic endpoint need not). */
  readonly statesTarget: boolean;
  readonly request: Readonly<Record<string, unknown>>;
  readonly returnValues?: Readonly<Record<string, string>>;
  /** The schema's empty-file snippet for it (schemas/ccmacro.schema.json defaultSnippets; a test keeps them equal). */
  readonly snippet: { readonly description: string; readonly body: Readonly<Record<string, unknown>> };
}
