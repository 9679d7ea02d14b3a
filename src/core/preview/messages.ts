/**
 * Messages between the preview host (extension) and the preview webview, shared by both sides.
 * Everything here is plain JSON: no functions, no class instances, no secret values.
 */
import type { SampleOption } from '../samples/types';
import type { TargetView, TargetViews } from '../targets/views';

/** A run of displayed text. Only `text` is ever shown; the rest drives highlighting and links. */
export interface Segment {
  text: string;
  /** Set when this text is a substituted tag value: the tag name. */
  tag?: string;
  /** With `tag`: the tag as the macro's project writes it (`((Title))` or `[[Title]]`), shown on hover. */
  written?: string;
  /** Document offsets of the `((tag))` the value came from (clicking reveals it). */
  source?: { start: number; end: number };
  /** The text stands for a hidden value (a secret or env placeholder, or a literal credential). */
  masked?: boolean;
  /** Set when this text is a `${var:NAME}` value: the name, and where the value is written (shown on hover). */
  var?: { name: string; from: string };
}

export interface PreviewHeader {
  name: string;
  value: Segment[];
}

export interface PreviewBody {
  segments: Segment[];
  /** The body was valid JSON and is shown re-indented. */
  pretty: boolean;
  contentType?: string;
  /** Size of the body as sent, in bytes (UTF-8). */
  byteLength: number;
}

export interface PreviewRequest {
  method: string;
  url: Segment[];
  headers: PreviewHeader[];
  body?: PreviewBody;
}

export interface PreviewProblem {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  /** 1-based line and column, for display. */
  line: number;
  column: number;
  start: number;
  end: number;
  /** Set when the problem is in another file (a sample file), not the macro. */
  path?: string;
}

/** What Centercode would save from the webhook's answer, per `returnValues` entry. */
export interface PreviewReturnValues {
  /** Where the answer came from, e.g. "the sample's response, status 201"; undefined when there is none. */
  source?: string;
  entries: Array<{
    name: string;
    field: string;
    /** The text saved; undefined when nothing would be saved (`problem` says why). */
    value?: string;
    problem?: string;
    /** The entry in the macro (offsets), for revealing it. */
    start: number;
    end: number;
  }>;
}

export interface PreviewModel {
  /** Increases with every model the host posts, so the webview can drop stale ones. */
  seq: number;
  documentUri: string;
  fileName: string;
  macroName?: string;
  locked: boolean;
  /** The id of the target the macro posts to. */
  target: string;
  /**
   * The target's own tab, when it has one (src/core/targets/<id>/ draws its view model, src/webview/targets/<id>.ts
   * draws it): the tab's label, and what it shows once the request renders.
   */
  targetTab?: { label: string; view?: TargetView };
  request?: PreviewRequest;
  /** Set when the macro has `returnValues`. */
  returnValues?: PreviewReturnValues;
  problems: PreviewProblem[];
  samples: SampleOption[];
  selectedSample?: string;
  /** Shown instead of the request when there is nothing to render (e.g. the file does not parse). */
  notice?: string;
  /**
   * The environment the preview renders `${var:NAME}` with (absent when the macro's project has no environments
   * file): its name, whether it asks before sending, and the environment files it reads.
   */
  environment?: { name: string; confirm: boolean; files: string[] };
}

/** What the webview reports about its own DOM, for tests (no values beyond what it displays). */
export interface DomReport {
  seq: number;
  bodyText: string;
  urlText: string;
  headersText: string;
  problemsText: string;
  returnValuesText: string;
  /** The environment line of the toolbar ('' when hidden). */
  environmentText: string;
  /** The target's tab as drawn (when the macro's target has one). */
  targetTab?: TargetTabReport;
  imgCount: number;
  /** Script elements added since the page loaded (should stay 0). */
  addedScriptCount: number;
  highlightCount: number;
  tabs: string[];
  activeTab: string;
}

/** What the webview reports about the target's tab, the same for every target. */
export interface TargetTabReport {
  /** The tab's text, once drawn ('' before: a drawing may load on first show). */
  text: string;
  /** Highlighted values that lead back to their tag. */
  highlightCount: number;
  /** Links (a elements) in the drawing: a value must never make one. */
  linkCount: number;
  /** The text of bold and italic elements (the author's markup makes them, values never). */
  emphasis: string[];
  /** The first highlighted values: the tag and macro range each leads back to. */
  values: Array<{ tag: string; start: number; end: number }>;
  /** The colours it was drawn with ('light' or 'dark'), once drawn, for a drawing that follows the theme. */
  theme?: string;
  /** The drawing failed (its renderer did not load or threw): why. */
  error?: string;
}

/** The preview's tabs: the request, and the target's own, named by the target's id. */
export type PreviewTab = 'request' | keyof TargetViews;

export type HostToWebview =
  | { type: 'update'; model: PreviewModel }
  | { type: 'probe'; id: number }
  /** For tests: switch tabs as a click would. */
  | { type: 'showTab'; tab: PreviewTab };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'reveal'; start: number; end: number; path?: string }
  | { type: 'selectSample'; key: string }
  | { type: 'setLocked'; locked: boolean }
  | { type: 'command'; command: 'copyAsCurl' | 'copyForCentercode' }
  | { type: 'probeResult'; id: number; report: DomReport };

/** Saved with the webview's setState and handed back to the serializer after a reload. */
export interface PreviewWebviewState {
  documentUri: string;
  locked: boolean;
  selectedSample?: string;
  tab?: PreviewTab;
}

/**
 * The webview is a page that draws values from macros and samples: the host trusts no message from it until every
 * field has been checked here, one rule per message type (a type the table does not list is refused). The host then
 * checks what a message asks for against what it posted (revealTarget: only the macro and its sample files open).
 */
const WEBVIEW_TO_HOST: { [T in WebviewToHost['type']]: (m: Record<string, unknown>) => boolean } = {
  ready: () => true,
  reveal: m =>
    isOffset(m.start) &&
    isOffset(m.end) &&
    (m.start as number) <= (m.end as number) &&
    (m.path === undefined || (typeof m.path === 'string' && m.path.length > 0)),
  selectSample: m => typeof m.key === 'string',
  setLocked: m => typeof m.locked === 'boolean',
  command: m => m.command === 'copyAsCurl' || m.command === 'copyForCentercode',
  probeResult: m => Number.isSafeInteger(m.id) && !!m.report && typeof m.report === 'object',
};

function isOffset(v: unknown): boolean {
  return Number.isSafeInteger(v) && (v as number) >= 0;
}

export function isWebviewToHost(m: unknown): m is WebviewToHost {
  if (!m || typeof m !== 'object') return false;
  const t = (m as { type?: unknown }).type;
  return (
    typeof t === 'string' &&
    Object.prototype.hasOwnProperty.call(WEBVIEW_TO_HOST, t) &&
    WEBVIEW_TO_HOST[t as WebviewToHost['type']](m as Record<string, unknown>)
  );
}

export function isPreviewWebviewState(s: unknown): s is PreviewWebviewState {
  return !!s && typeof s === 'object' && typeof (s as PreviewWebviewState).documentUri === 'string';
}
