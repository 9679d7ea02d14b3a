import type { ParsedMacro } from '../macro/parse';
import { azureDevOps } from './azure-devops';
import { generic } from './generic';
import { jira } from './jira';
import { literalUrlHost } from '../common/urlHost';
import { slack } from './slack';
import { teams } from './teams';
import { macroTemplateText } from './templates';
import type { MacroFix, Target } from './types';
import type { TargetViews } from './views';

/**
 * The registry: every target ccmacro knows, in the order recognition asks them. Adding one is a folder
 * (src/core/targets/<id>/), a line here, and a drawing module in src/webview/targets/ when it has a preview tab
 * (CONTRIBUTING.md, "Adding a target"). Apart from this file, nothing outside a target's folder names a target.
 */
const REGISTERED = [slack, teams, jira, azureDevOps, generic] as const;

/** A target's id: the values `"target"` takes. */
export type TargetId = (typeof REGISTERED)[number]['id'];

export const TARGETS: ReadonlyArray<Target<TargetId>> = REGISTERED;

/** What a macro no target recognises posts to. */
export const FALLBACK_TARGET: Target<TargetId> = generic;

export const TARGET_IDS: readonly TargetId[] = TARGETS.map(t => t.id);

// Each target's preview view is the type views.ts lists for the webview's drawing modules (a compile error otherwise).
type ViewsOf<T> = T extends { id: infer I extends string; preview: { view(r: never): infer V } }
  ? { [K in I]: V }
  : never;
type Union2Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type RegisteredViews = Union2Intersection<ViewsOf<(typeof REGISTERED)[number]>>;
const viewsAgree: [RegisteredViews, TargetViews] extends [TargetViews, RegisteredViews] ? true : never = true;
void viewsAgree;

function isTargetId(id: unknown): id is TargetId {
  return typeof id === 'string' && (TARGET_IDS as readonly string[]).includes(id);
}

/** The target with this id (the fallback for an id no target has). */
export function targetById(id: string): Target<TargetId> {
  return TARGETS.find(t => t.id === id) ?? FALLBACK_TARGET;
}

/** `"target"` when it names a target. */
export function declaredTarget(parsed: ParsedMacro): TargetId | undefined {
  const t = parsed.macro?.target;
  return isTargetId(t) ? t : undefined;
}

/**
 * What a macro posts to, which decides its escaping, checks, preview tab and receiver path:
 *  1. `"target"` when it names a target;
 *  2. else a field of an older format version that names one (Slack's version-1 `"slack"` flag);
 *  3. else what the macro writes (its URL's host; for some, its body): targetFromUrl;
 *  4. else the fallback (also when the URL is a `${secret:…}` placeholder: say `"target"` then).
 */
export function macroTarget(parsed: ParsedMacro): TargetId {
  const declared = declaredTarget(parsed);
  if (declared) return declared;
  const m = parsed.macro as Record<string, unknown> | undefined;
  for (const t of TARGETS) {
    const said = t.legacy && m ? t.legacy.targetOf(m[t.legacy.property]) : undefined;
    if (isTargetId(said)) return said;
  }
  return targetFromUrl(parsed);
}

/** Step 3 of macroTarget alone: the target that recognises what the macro writes (the URL, and the body for some). */
export function targetFromUrl(parsed: ParsedMacro): TargetId {
  const host = literalUrlHost(parsed.macro?.request?.url);
  for (const t of TARGETS) if (t.recognition?.matches({ host, parsed })) return t.id;
  return FALLBACK_TARGET.id;
}

/** Every problem code some target has a quick fix for. */
export const FIXABLE_CODES: ReadonlySet<string> = new Set(TARGETS.flatMap(t => t.fixes?.codes ?? []));

/** The quick fix a target offers for its problem `code`, from the macro's current text (undefined: none). */
export function targetFix(parsed: ParsedMacro, code: string): MacroFix | undefined {
  for (const t of TARGETS) if (t.fixes?.codes.includes(code)) return t.fixes.fix(parsed, code);
  return undefined;
}

/** A template's name (`ccmacro new --target`), e.g. "slack" or "jira". */
export type MacroTemplateKind = string;

export interface MacroTemplateInfo {
  kind: MacroTemplateKind;
  label: string;
  description: string;
  /** The template `ccmacro new` writes without --target: the fallback (generic) target's first. */
  isDefault: boolean;
}

/** Every target's templates, for "New Webhook Macro…" and `ccmacro new`, in the registry's order. */
export const MACRO_TEMPLATES: readonly MacroTemplateInfo[] = TARGETS.flatMap(t =>
  t.templates.map(({ kind, label, description }, i) => ({
    kind,
    label,
    description,
    isDefault: t === FALLBACK_TARGET && i === 0,
  })),
);

/** The text of a new macro file from template `kind` named `name` (JSON with a comment on top, 2-space indent). */
export function macroTemplate(kind: MacroTemplateKind, name: string): string {
  for (const t of TARGETS) {
    const template = t.templates.find(x => x.kind === kind);
    if (template) return macroTemplateText(template, t.id, name);
  }
  throw new Error(`there is no macro template "${kind}"`);
}

export type { Target, MacroFix } from './types';
