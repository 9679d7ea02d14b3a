import * as path from 'node:path';
import type { CancellationToken, SecretResolver } from '../host';
import { throwIfCancelled } from '../common/cancellation';
import type { Problem } from '../common/problem';
import type { Result } from '../common/result';
import { parseMacro, usableErrors, type ParsedMacro } from '../macro/parse';
import type { PreviewModel } from '../preview/messages';
import { renderPreview, renderWithSample, type MacroRender } from '../preview/renderPreview';
import { revealTarget } from '../preview/reveal';
import type { RenderedRequest, RenderOptions, RenderResult } from '../render/types';
import { checkTargetPayload } from '../targets/check';
import { renderMacro } from '../targets/render';
import { sampleItemOptions } from '../samples/options';
import type { SampleOption } from '../samples/types';
import { createMasker } from '../secrets/mask';
import { resolvePlaceholders } from '../secrets/resolve';
import { curlRefusalProblem, toCurl } from '../send/curl';
import { formatRenderedRequest } from '../send/log';
import { unsetPlaceholderProblems } from '../send/prepare';
import type { SampleReach } from '../samples/reach';
import type { MacroDocument } from './context';
import type { ServiceState } from './state';

export interface PreviewOptions {
  /** The document's URI as the host names it (the webview sends it back). */
  documentUri: string;
  /** The picked sample item (samples/key.ts); else the macro's default. */
  sampleKey?: string;
  locked: boolean;
  /** Numbers the models, so the webview keeps the newest. */
  seq: number;
  /** The active environment: its `${var:NAME}` values are rendered, and the preview names it. */
  environment?: string;
  /** The tree the environment files are looked for in (the workspace folder): none above it, none leading out of it. */
  environmentReach?: SampleReach;
}

/**
 * What a macro sends, rendered with a sample item: the preview's model, the request for Copy as cURL and
 * `ccmacro render`, the target's view of it, and the samples to pick from.
 */
export interface Rendering {
  /** The preview's view model; rejects with a CancellationError when `token` is cancelled before it is done. */
  preview(doc: MacroDocument, options: PreviewOptions, token?: CancellationToken): Promise<PreviewModel>;
  /**
   * The macro rendered with the sample item `sampleKey` (else its default), as the preview shows it, with the errors
   * that make the macro file unusable (syntax, nesting, duplicate keys: what stops a send before the sample).
   */
  renderWithSample(
    doc: MacroDocument,
    sampleKey?: string,
    token?: CancellationToken,
    environment?: string,
    /** The tree the environment files are looked for in (see PreviewOptions.environmentReach). */
    environmentReach?: SampleReach,
  ): Promise<MacroRender & { unusable: Problem[] }>;
  /** Render a parsed macro with one sample item. */
  render(parsed: ParsedMacro, options: RenderOptions): Promise<RenderResult>;
  /** What the macro's target would refuse in the rendered request (Slack's rules, a Teams card checked by Microsoft's library, …). */
  targetProblems(parsed: ParsedMacro, result: RenderResult): Promise<Problem[]>;
  /** A runnable cURL command (secrets as environment-variable references), or why there is none (in the macro). */
  curl(parsed: ParsedMacro, request: RenderedRequest, result: RenderResult): Promise<Result<string, Problem>>;
  /**
   * The request as `ccmacro render --format request` prints it, every placeholder resolved (an unset one is a problem)
   * but shown masked, as are credentials written literally.
   */
  requestText(
    parsed: ParsedMacro,
    request: RenderedRequest,
    resolver: SecretResolver,
  ): Promise<Result<string, Problem[]>>;
  /** Every item of every sample the macro can use, grouped as the preview's picker lists them. */
  sampleItems(doc: MacroDocument): Promise<SampleOption[]>;
  /** The file a click in the preview may open: the macro (undefined `requested`) or a sample its `samples` names. */
  revealTarget(doc: MacroDocument, requested: string | undefined): Promise<string | undefined>;
}

export function rendering(state: ServiceState): Rendering {
  return {
    async preview(doc, options, token) {
      throwIfCancelled(token);
      const environments = await state.env.environments!.forFolder(path.dirname(doc.path), options.environmentReach);
      const model = await renderPreview({
        text: doc.text,
        path: doc.path,
        fs: state.fs,
        tagSyntax: await state.syntaxOf(doc.path),
        environments,
        ...options,
      });
      throwIfCancelled(token);
      return model;
    },
    async renderWithSample(doc, sampleKey, token, environment, environmentReach) {
      throwIfCancelled(token);
      const envs =
        environment !== undefined
          ? await state.env.environments!.forFolder(path.dirname(doc.path), environmentReach)
          : undefined;
      const vars = envs?.has(environment!) ? envs.varValues(environment!) : undefined;
      const rendered = await renderWithSample(
        doc.text,
        doc.path,
        state.fs,
        sampleKey,
        await state.syntaxOf(doc.path),
        vars,
      );
      throwIfCancelled(token);
      return { ...rendered, unusable: usableErrors(rendered.parsed) };
    },
    render: async (parsed, options) => renderMacro(parsed, options),
    targetProblems: (parsed, result) => checkTargetPayload(parsed, result),
    async curl(parsed, request, result) {
      const curl = toCurl(request, { secretStyle: 'env-ref' });
      if (curl.ok) return curl;
      return { ok: false, error: curlRefusalProblem(curl.error, parsed, request, result.substitutions) };
    },
    async requestText(parsed, request, resolver) {
      const resolved = await resolvePlaceholders(request, resolver);
      if (resolved.missing.length > 0)
        return { ok: false, error: unsetPlaceholderProblems(parsed.text, resolved.missing) };
      return { ok: true, value: formatRenderedRequest(request, createMasker({ secretValues: resolved.secretValues })) };
    },
    sampleItems: async doc => sampleItemOptions(parseMacro(doc.text), path.dirname(doc.path), state.fs),
    revealTarget: async (doc, requested) => revealTarget(doc.text, doc.path, requested),
  };
}
