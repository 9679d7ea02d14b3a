/**
 * Builds the view model the preview webview draws, from a render result. This is where secrets are
 * kept out of the webview: `${secret:X}` / `${env:X}` placeholders become `•••• (secret X)`, and
 * literal credentials (Authorization values, Slack webhook paths, token query parameters) are
 * masked with the same rules as the exchange log.
 */
import type { Problem } from '../common/problem';
import { LineIndex } from '../common/text';
import { scanPlaceholders } from '../tags/scanner';
import { defaultMasker, headerRunMasker, MASK } from '../secrets/mask';
import type { SampleOption } from '../samples/types';
import type {
  PreviewBody,
  PreviewModel,
  PreviewProblem,
  PreviewRequest,
  PreviewReturnValues,
  Segment,
} from './messages';
import { prettyPrintJson } from './prettyJson';
import type { RenderedRequest, RenderResult, Substitution } from '../render/types';
import { FALLBACK_TARGET, targetById } from '../targets';
import type { TargetView } from '../targets/views';
import { DEFAULT_TAG_SYNTAX, type TagSyntax } from '../project/tagSyntax';

/** The parts of a render result the preview reads (a RenderResult fits; tests can build less). */
export interface PreviewRenderInput {
  request?: Pick<RenderedRequest, 'method' | 'url' | 'headers' | 'bodyText' | 'body' | 'contentType'>;
  substitutions: Array<Pick<Substitution, 'tag' | 'source' | 'target' | 'typed'>>;
  target: RenderResult['target'];
  vars?: RenderResult['vars'];
}

/** Problems from another file (e.g. a sample file), with that file's text for line numbers. */
export interface ForeignProblems {
  path: string;
  text: string;
  problems: Problem[];
}

export interface PreviewModelInput {
  seq: number;
  documentUri: string;
  fileName: string;
  /** The macro document's text (problem ranges are offsets into it). */
  documentText: string;
  macroName?: string;
  render?: PreviewRenderInput;
  /** Validation and render problems in the macro document. */
  problems: Problem[];
  foreignProblems?: ForeignProblems[];
  samples: SampleOption[];
  selectedSample?: string;
  locked: boolean;
  notice?: string;
  returnValues?: PreviewReturnValues;
  environment?: PreviewModel['environment'];
  /** How the macro's project writes a tag (a value's hover names its tag so); default parentheses. */
  tagSyntax?: TagSyntax;
}

export function buildPreviewModel(input: PreviewModelInput): PreviewModel {
  const render = input.render;
  const model: PreviewModel = {
    seq: input.seq,
    documentUri: input.documentUri,
    fileName: input.fileName,
    locked: input.locked,
    target: render?.target ?? FALLBACK_TARGET.id,
    problems: previewProblems(input),
    samples: input.samples,
  };
  if (input.macroName !== undefined) model.macroName = input.macroName;
  if (input.selectedSample !== undefined) model.selectedSample = input.selectedSample;
  if (input.notice !== undefined) model.notice = input.notice;
  if (input.returnValues !== undefined) model.returnValues = input.returnValues;
  if (input.environment !== undefined) model.environment = input.environment;
  const syntax = input.tagSyntax ?? DEFAULT_TAG_SYNTAX;
  if (render?.request) model.request = previewRequest(render, syntax);
  const tab = render && targetTab(render, syntax);
  if (tab) model.targetTab = tab;
  return model;
}

/** The target's own tab: its label, and its view of the rendered body (drawn by src/webview/targets/<id>.ts). */
function targetTab(render: PreviewRenderInput, tagSyntax: TagSyntax): PreviewModel['targetTab'] {
  const target = targetById(render.target);
  if (!target.preview) return undefined;
  const bodyText = render.request?.bodyText;
  if (bodyText === undefined) return { label: target.preview.tab };
  const { method, url } = render.request ?? {};
  const data = target.preview.view({ bodyText, substitutions: render.substitutions, method, url, tagSyntax });
  // The registry's views.ts types each target's view; the id says which one this is.
  return { label: target.preview.tab, view: { target: target.id, data } as TargetView };
}

function previewProblems(input: PreviewModelInput): PreviewProblem[] {
  const out: PreviewProblem[] = [];
  const add = (problems: Problem[], lines: LineIndex, path?: string) => {
    for (const p of problems) {
      const pos = lines.positionAt(p.range.start);
      const item: PreviewProblem = {
        severity: p.severity,
        code: p.code,
        message: p.message,
        line: pos.line + 1,
        column: pos.character + 1,
        start: p.range.start,
        end: p.range.end,
      };
      if (path !== undefined) item.path = path;
      out.push(item);
    }
  };
  const seen = new Set<string>();
  const unique = input.problems.filter(p => {
    const key = `${p.code}|${p.range.start}|${p.range.end}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  add(unique, new LineIndex(input.documentText));
  for (const f of input.foreignProblems ?? []) add(f.problems, new LineIndex(f.text), f.path);
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return out.sort(
    (a, b) => rank[a.severity] - rank[b.severity] || (a.path ?? '').localeCompare(b.path ?? '') || a.start - b.start,
  );
}

/** A value in the request: a tag's from the sample, or (with `var`) a `${var:NAME}`'s from an environment file. */
type Sub = PreviewRenderInput['substitutions'][number] & { var?: Segment['var'] };

/** Each `${var:NAME}` value as the preview traces it: to its environment file, section and line. */
function varSubs(render: PreviewRenderInput): Sub[] {
  return (render.vars?.substitutions ?? []).map(v => ({
    tag: '',
    source: v.source,
    target: v.target,
    var: { name: v.name, from: `${v.from.file.split(/[\\/]/).slice(-2).join('/')} · ${v.from.section}` },
  }));
}

function previewRequest(render: PreviewRenderInput, syntax: TagSyntax): PreviewRequest {
  const req = render.request!;
  const subs = [...render.substitutions, ...varSubs(render)].sort((a, b) => a.target.start - b.target.start);
  const urlSubs = subs.filter(s => s.target.part === 'url');
  const out: PreviewRequest = {
    method: req.method,
    url: maskedSegments(req.url, urlSubs, syntax, run => defaultMasker.url(run)),
    headers: req.headers.map((h, i) => {
      const hSubs = subs.filter(s => s.target.part === 'header' && s.target.headerIndex === i);
      return { name: h.name, value: maskedSegments(h.value, hSubs, syntax, headerRunMasker(h.name)) };
    }),
  };
  if (req.bodyText !== undefined || req.body !== undefined) {
    out.body = previewBody(
      req,
      subs.filter(s => s.target.part === 'body'),
      syntax,
    );
  }
  return out;
}

/**
 * Splits a url or header value into literal text, substituted values and placeholders.
 * Placeholders win over everything (a sample value that spells one is shown masked too).
 */
function maskedSegments(
  text: string,
  subs: Sub[],
  syntax: TagSyntax,
  maskRun: (run: string, first: boolean) => string,
): Segment[] {
  const PLAIN = -1;
  const owner = new Int32Array(text.length).fill(PLAIN);
  subs.forEach((s, k) => {
    for (let i = Math.max(0, s.target.start); i < Math.min(text.length, s.target.end); i++) owner[i] = k;
  });
  const placeholders = scanPlaceholders(text);
  placeholders.forEach((p, k) => {
    for (let i = p.start; i < p.end; i++) owner[i] = -2 - k;
  });
  const out: Segment[] = [];
  let i = 0;
  while (i < text.length) {
    const o = owner[i];
    let j = i + 1;
    while (j < text.length && owner[j] === o) j++;
    const run = text.slice(i, j);
    if (o >= 0) {
      const sub = subs[o];
      const source = { start: sub.source.start, end: sub.source.end };
      out.push(
        sub.var
          ? { text: run, var: sub.var, source }
          : { text: run, tag: sub.tag, written: syntax.wrap(sub.tag), source },
      );
    } else if (o <= -2) {
      const p = placeholders[-2 - o];
      out.push({ text: `${MASK} (${p.kind} ${p.name})`, masked: true });
    } else {
      const shown = maskRun(run, i === 0);
      out.push(shown === run ? { text: run } : { text: shown, masked: true });
    }
    i = j;
  }
  return out;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function previewBody(req: NonNullable<PreviewRenderInput['request']>, subs: Sub[], syntax: TagSyntax): PreviewBody {
  const raw = req.bodyText;
  if (raw === undefined) {
    const n = req.body?.length ?? 0;
    return {
      segments: [{ text: `(${n} bytes of binary data)` }],
      pretty: false,
      byteLength: n,
      ...(req.contentType ? { contentType: req.contentType } : {}),
    };
  }
  // JSON on one line is indented for reading; JSON already laid out on several lines is shown as sent.
  const pretty = raw.indexOf('\n') < 0 ? prettyPrintJson(raw) : undefined;
  const text = pretty ? pretty.text : raw;
  const segments: Segment[] = [];
  let pos = 0;
  for (const s of subs) {
    let start = s.target.start;
    let end = s.target.end;
    if (pretty) {
      start = pretty.mapOffset(start, 'start');
      end = pretty.mapOffset(end, 'end');
    }
    if (start < pos || end < start || end > text.length) continue; // overlapping or out of range: leave as plain text
    if (start > pos) segments.push({ text: text.slice(pos, start) });
    const source = { start: s.source.start, end: s.source.end };
    segments.push(
      s.var
        ? { text: text.slice(start, end), var: s.var, source }
        : { text: text.slice(start, end), tag: s.tag, written: syntax.wrap(s.tag), source },
    );
    pos = end;
  }
  if (pos < text.length) segments.push({ text: text.slice(pos) });
  const body: PreviewBody = { segments, pretty: !!pretty, byteLength: req.body?.length ?? utf8Length(raw) };
  if (req.contentType) body.contentType = req.contentType;
  return body;
}

/** All the text of a list of segments, as displayed. */
export function segmentsText(segments: readonly Segment[]): string {
  return segments.map(s => s.text).join('');
}
