import type { TagSyntax } from '../project/tagSyntax';
import type { FileSystemLike } from '../host';
import { parseMacro, usableErrors, type ParsedMacro } from '../macro/parse';
import { problem, type Problem } from '../common/problem';
import { renderMacro } from '../targets/render';
import type { TargetId } from '../targets';
import type { RenderedRequest, RenderOptions } from '../render/types';
import type { SampleItem } from '../samples/types';
import { loadSampleForMacro, type LoadedSample } from '../samples/load';
import type { SampleReach } from '../samples/reach';
import type { SecretResolver } from '../host';
import { resolvePlaceholders, type UnresolvedPlaceholder } from '../secrets/resolve';
import type { OutgoingRequest } from './types';

/**
 * Getting a macro ready to send, shared by `ccmacro send`, `ccmacro render` and the editor's send commands:
 * they differ only in how they word the failures, so each failure says which stage stopped and why.
 */

/** The parsed macro with its sample, or the stage that stopped (problems located in the macro or the sample text). */
export type MacroForSend =
  | { ok: true; parsed: ParsedMacro; sample: LoadedSample; item: SampleItem }
  /** `problems`: the errors that make the file unusable (syntax, nesting, duplicate keys), ranges into `parsed.text`. */
  | { ok: false; stage: 'syntax'; parsed: ParsedMacro; problems: Problem[] }
  /** `problems`: the sample's errors, ranges into `sample.text` (0..0 for a built-in or a missing file). */
  | { ok: false; stage: 'sample'; parsed: ParsedMacro; sample: LoadedSample; problems: Problem[] };

export interface SendSampleChoice {
  /** "builtin:ID" or a sample file path (relative to the macro's folder); default: the macro's first `samples` entry. */
  sample?: string;
  /** Which item of the sample (from 0; default 0). */
  index?: number;
  /** The macro's tag syntax (its project's `.ccmacro/config.json`); default parentheses. */
  tagSyntax?: TagSyntax;
  /** Where the macro's samples may be read from (see samples/reach.ts); undefined: anywhere. */
  reach?: SampleReach;
}

/** Parse the macro text and load its sample; `macroDir` is the macro file's folder. */
export async function loadMacroForSend(
  text: string,
  macroDir: string,
  fs: FileSystemLike,
  choice: SendSampleChoice = {},
): Promise<MacroForSend> {
  const parsed = parseMacro(text, choice.tagSyntax);
  const unusable = usableErrors(parsed);
  if (unusable.length > 0) return { ok: false, stage: 'syntax', parsed, problems: unusable };
  const sample = await loadSampleForMacro(parsed, macroDir, fs, {
    sample: choice.sample,
    index: choice.index ?? 0,
    reach: choice.reach,
  });
  const errors = sample.problems.filter(p => p.severity === 'error');
  if (!sample.item || errors.length > 0) return { ok: false, stage: 'sample', parsed, sample, problems: errors };
  return { ok: true, parsed, sample, item: sample.item };
}

/** One sample item rendered with its placeholders resolved: exactly what goes on the wire, or why not. */
export type PreparedRequest =
  | {
      ok: true;
      request: OutgoingRequest;
      /** Values that came from ${secret:}/${env:}: mask them wherever the exchange is shown. */
      secretValues: string[];
      /** What the body was rendered for (the local receiver checks it the same way). */
      target: TargetId;
    }
  /** `problems`: the render errors (ranges into the macro text); empty when the request could not be built for another reason. */
  | { ok: false; stage: 'render'; problems: Problem[] }
  /**
   * `problems`: one per placeholder at its first place in the macro: unset (`render/unset-secret`, `render/unset-env`)
   * or set to a value that cannot go there (`render/unusable-secret`, `render/unusable-env`).
   */
  | { ok: false; stage: 'secrets'; missing: UnresolvedPlaceholder[]; problems: Problem[] };

export interface PrepareOptions {
  /** Tags the item has no value for become empty text instead of an error. */
  allowMissing?: boolean;
  /** Send here instead of the macro's URL (the author's URL placeholders are then not needed). */
  url?: string;
  /** The `${var:NAME}` values (the active environment), or `keep` to leave them by name (snapshots). */
  vars?: RenderOptions['vars'];
}

/** One sample item rendered for sending, placeholders still verbatim (`${secret:NAME}`), or its render errors. */
export type RenderedForSend =
  | {
      ok: true;
      request: RenderedRequest;
      /** What the body was rendered for. */
      target: TargetId;
      /** Render warnings (ranges into the macro text). */
      warnings: Problem[];
    }
  | { ok: false; stage: 'render'; problems: Problem[] };

/**
 * The first stage of a send: render the item exactly as it will go out, before any secret is read.
 * `ccmacro test` snapshots this (placeholders shown by name); prepareRequest goes on to resolve them.
 */
export function renderForSend(
  parsed: ParsedMacro,
  item: SampleItem,
  options: Pick<PrepareOptions, 'allowMissing' | 'vars'> = {},
): RenderedForSend {
  const rendered = renderMacro(parsed, { sample: item, allowMissing: options.allowMissing, vars: options.vars });
  const errors = rendered.problems.filter(p => p.severity === 'error');
  if (!rendered.request || errors.length > 0) return { ok: false, stage: 'render', problems: errors };
  return {
    ok: true,
    request: rendered.request,
    target: rendered.target,
    warnings: rendered.problems.filter(p => p.severity !== 'error'),
  };
}

/** Render one sample item, apply a URL override, and resolve its ${secret:}/${env:} placeholders. */
export async function prepareRequest(
  parsed: ParsedMacro,
  item: SampleItem,
  resolver: SecretResolver,
  options: PrepareOptions = {},
): Promise<PreparedRequest> {
  const rendered = renderForSend(parsed, item, options);
  if (!rendered.ok) return rendered;
  let request = rendered.request;
  if (options.url !== undefined) {
    // The author's URL placeholders no longer apply to the replacement URL.
    request = {
      ...request,
      url: options.url,
      placeholders: (request.placeholders ?? []).filter(p => p.part !== 'url'),
    };
  }
  const resolved = await resolvePlaceholders(request, resolver);
  if (resolved.missing.length > 0) {
    return {
      ok: false,
      stage: 'secrets',
      missing: resolved.missing,
      problems: unsetPlaceholderProblems(parsed.text, resolved.missing),
    };
  }
  const r = resolved.request;
  const ranges = resolved.secretRanges;
  const out: OutgoingRequest = {
    method: r.method,
    url: r.url,
    headers: r.headers.map((h, i) => {
      const secretRanges = ranges.headers[i] ?? [];
      return secretRanges.length > 0
        ? { name: h.name, value: h.value, secretRanges }
        : { name: h.name, value: h.value };
    }),
  };
  if (ranges.url.length > 0) out.urlSecretRanges = ranges.url;
  if (r.body !== undefined) out.body = r.body;
  else if (r.bodyText !== undefined) out.body = r.bodyText;
  return { ok: true, request: out, secretValues: [...resolved.secretValues], target: rendered.target };
}

/** Unset `${secret:NAME}` / `${env:NAME}` placeholders as problems, each at its first place in the macro's text. */
export function unsetPlaceholderProblems(text: string, missing: readonly UnresolvedPlaceholder[]): Problem[] {
  return missing.map(m => unsetProblem(text, m));
}

function unsetProblem(text: string, m: UnresolvedPlaceholder): Problem {
  const written = `\${${m.kind}:${m.name}}`;
  const at = Math.max(0, text.indexOf(written));
  return problem(`render/${m.reason === 'unusable' ? 'unusable' : 'unset'}-${m.kind}`, 'error', m.hint, {
    start: at,
    end: at + written.length,
  });
}
