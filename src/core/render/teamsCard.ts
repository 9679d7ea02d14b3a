import type * as AdaptiveCardsModule from './adaptiveCards';
import type { Node } from 'jsonc-parser';
import { visible } from '../common/controlChars';
import { closestWord } from '../common/editDistance';
import { nodeAtPath, nodeRange, type PathSegment } from '../common/jsonPath';
import { problem, type Problem, type Severity } from '../common/problem';
import type { OffsetRange } from '../common/text';
import type { ParsedMacro } from '../macro/parse';
import { compileMacro } from './compile';
import type { RenderResult } from './types';
import { pushAll } from '../common/arrays';
import { MAX_JSON_DEPTH, valueTooDeepPath } from '../common/jsonDepth';

/**
 * Checks a Microsoft Teams message (what a Teams Workflow's "When a Teams webhook request is received" trigger
 * takes) with Microsoft's own Adaptive Cards library, `adaptivecards`, and reports each problem at a JSON path of
 * the payload. The library (200 KB) is loaded by the first Teams card checked (`await import('./adaptiveCards')`): a
 * Slack or generic macro never loads it. Sources for every rule: docs/teams.md.
 */

type AC = typeof AdaptiveCardsModule;

/** One problem in a Teams payload, at a path into the parsed JSON (`[]` is the whole payload). */
export interface TeamsFinding {
  code: string;
  severity: Severity;
  message: string;
  path: PathSegment[];
}

export const TEAMS_LIMITS = {
  /** "The message size limit is 28 KB" (Microsoft: add-incoming-webhook); an error above this many bytes. */
  bytes: 28_000,
  /** Practitioners report failures from about 26 KB: a warning above this. */
  warnBytes: 24 * 1024,
  /** The newest card version Teams renders ("Teams platform supports v1.5 or earlier"). */
  maxVersion: '1.5',
  /** Cards posted by a Workflow have failed at 1.5 where 1.4 worked: the version new macros use. */
  safeVersion: '1.4',
  /** The Teams host config allows this many actions. */
  maxActions: 6,
} as const;

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

const WORKFLOW_SHAPE =
  '{"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": {"type": "AdaptiveCard", …}}]}';

/** Check the body of a Teams message (text as sent). Never throws for bad input. */
export async function checkTeamsMessage(bodyText: string): Promise<TeamsFinding[]> {
  const out: TeamsFinding[] = [];
  const add = (code: string, severity: Severity, message: string, path: PathSegment[] = []) =>
    out.push({ code, severity, message, path });

  const bytes = Buffer.byteLength(bodyText, 'utf8');
  const kb = (n: number) => `${(n / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} KB`;
  if (bytes > TEAMS_LIMITS.bytes)
    add(
      'render/teams-too-large',
      'error',
      `The message is ${kb(bytes)} once filled in; Teams takes at most 28 KB and drops larger ones (the workflow run fails with "The payload is too large"). Shorten long values such as the description`,
    );
  else if (bytes > TEAMS_LIMITS.warnBytes)
    add(
      'render/teams-near-size-limit',
      'warning',
      `The message is ${kb(bytes)} once filled in, close to Teams' 28 KB limit; messages from about 26 KB have been reported to fail. Long values such as the description may push it over`,
    );

  let payload: unknown;
  try {
    payload = JSON.parse(bodyText);
  } catch {
    add('render/teams-not-json', 'error', 'The body is not valid JSON, so Teams cannot read it');
    return out;
  }
  // Microsoft's library (and the walks below) recurse once per level: a card nested thousands deep would overflow the
  // stack, so deeper messages are refused here, at the first level too many.
  const deep = valueTooDeepPath(payload);
  if (deep) {
    add(
      'render/teams-too-deep',
      'error',
      `The message is nested more than ${MAX_JSON_DEPTH} levels deep here (objects and lists inside each other), far deeper than any card Teams shows; ccmacro does not check it further`,
      deep,
    );
    return out;
  }
  if (!isObject(payload)) {
    add('render/teams-envelope', 'error', `A Teams message is a JSON object: ${WORKFLOW_SHAPE}`);
    return out;
  }
  if (payload['@type'] === 'MessageCard' || payload.type === 'MessageCard') {
    add(
      'render/teams-message-card',
      'error',
      'This is an Office 365 connector MessageCard. Teams Workflows take Adaptive Cards only: send ' + WORKFLOW_SHAPE,
      [payload['@type'] === 'MessageCard' ? '@type' : 'type'],
    );
    return out;
  }
  const AC = await loadAdaptiveCards();
  if (payload.type === 'AdaptiveCard') {
    add(
      'render/teams-bare-card',
      'error',
      `The body is a bare Adaptive Card; a Teams Workflow needs it inside a message (the workflow run fails with "'attachments' is of type 'Null'"): ${WORKFLOW_SHAPE}`,
      ['type'],
    );
    pushAll(out, checkCard(AC, payload, []));
    return out;
  }
  if (payload.type !== 'message')
    add(
      'render/teams-envelope',
      'error',
      `A Teams message needs "type": "message"${payload.type === undefined ? '' : `, not ${JSON.stringify(payload.type)}`}`,
      payload.type === undefined ? [] : ['type'],
    );
  const attachments = payload.attachments;
  if (!Array.isArray(attachments) || attachments.length === 0) {
    add(
      'render/teams-envelope',
      'error',
      'A Teams message needs "attachments": a list with the Adaptive Card (a workflow posts each attachment\'s "content")',
      attachments === undefined ? [] : ['attachments'],
    );
    return out;
  }
  attachments.forEach((a, i) => {
    const at: PathSegment[] = ['attachments', i];
    if (!isObject(a)) {
      add('render/teams-envelope', 'error', 'An attachment is an object with "contentType" and "content"', at);
      return;
    }
    if (a.contentType !== ADAPTIVE_CARD_CONTENT_TYPE)
      add(
        'render/teams-envelope',
        'error',
        `The attachment's "contentType" must be "${ADAPTIVE_CARD_CONTENT_TYPE}"${a.contentType === undefined ? '' : `, not ${JSON.stringify(a.contentType)}`}`,
        a.contentType === undefined ? at : [...at, 'contentType'],
      );
    if (!isObject(a.content)) {
      add(
        'render/teams-envelope',
        'error',
        'The attachment needs "content": the Adaptive Card object ({"type": "AdaptiveCard", "version": "1.4", "body": […]})',
        a.content === undefined ? at : [...at, 'content'],
      );
      return;
    }
    pushAll(out, checkCard(AC, a.content, [...at, 'content']));
  });
  return out;
}

/** The library, loaded by the first card checked. */
export function loadAdaptiveCards(): Promise<AC> {
  return import('./adaptiveCards');
}

// ---------------------------------------------------------------------------------------------
// The card itself

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Severity of each library event for a Teams card (the library's own events are all just "events"). */
const SEVERITY: Record<string, Severity> = {
  MissingCardType: 'error',
  PropertyCantBeNull: 'error',
  DuplicateId: 'error',
  CollectionCantBeEmpty: 'error',
  Hint: 'info',
  Deprecated: 'info',
};

/** The JSON property an event is about when its message names none. */
const IMPLIED_PROPERTY: Record<string, string> = {
  UnknownElementType: 'type',
  UnknownActionType: 'type',
  ElementTypeNotAllowed: 'type',
  ActionTypeNotAllowed: 'type',
  MissingCardType: 'type',
  DuplicateId: 'id',
  TooManyActions: 'actions',
};

/**
 * Members the library declares private but that are plain methods at run time. They are what lets a problem be
 * pinned to the exact JSON object it is about; `adaptivecards` is pinned to one version for this, and a unit test
 * fails if they change.
 */
interface ParseInternals {
  internalParse(source: unknown, context: unknown): void;
}
interface ContextInternals {
  internalParseCardObject(parent: unknown, source: unknown, ...rest: unknown[]): unknown;
  logEvent(source: unknown, phase: number, event: number, message: string): void;
}

interface RawEvent {
  source?: unknown;
  phase: number;
  event: number;
  message: string;
}

function parseVersion(v: unknown): { major: number; minor: number } | undefined {
  const m = typeof v === 'string' ? /^(\d+)\.(\d+)$/.exec(v.trim()) : null;
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

const newer = (a: { major: number; minor: number }, b: { major: number; minor: number }) =>
  a.major > b.major || (a.major === b.major && a.minor > b.minor);

/** Check one Adaptive Card object (`at`: its path in the payload). */
function checkCard(AC: AC, card: Json, at: PathSegment[]): TeamsFinding[] {
  const out: TeamsFinding[] = [];
  const add = (code: string, severity: Severity, message: string, path: PathSegment[]) =>
    out.push({ code, severity, message, path: [...at, ...path] });

  const max = parseVersion(TEAMS_LIMITS.maxVersion)!;
  const declared = parseVersion(card.version);
  if (card.version === undefined)
    add(
      'render/teams-card-version',
      'error',
      `The card needs a "version": Teams renders versions up to ${TEAMS_LIMITS.maxVersion}; use "${TEAMS_LIMITS.safeVersion}"`,
      [],
    );
  else if (!declared)
    add(
      'render/teams-card-version',
      'error',
      `The card "version" must be written like "${TEAMS_LIMITS.safeVersion}", not ${JSON.stringify(card.version)}`,
      ['version'],
    );
  else if (newer(declared, max))
    add(
      'render/teams-card-version',
      'error',
      `Teams renders Adaptive Cards up to version ${TEAMS_LIMITS.maxVersion}, so a ${declared.major}.${declared.minor} card shows "We're sorry, this card couldn't be displayed". Use "${TEAMS_LIMITS.safeVersion}"`,
      ['version'],
    );
  else if (newer(declared, parseVersion(TEAMS_LIMITS.safeVersion)!))
    add(
      'render/teams-card-version',
      'warning',
      `Cards of version ${declared.major}.${declared.minor} posted by a Teams Workflow have failed to show where 1.4 worked; use "${TEAMS_LIMITS.safeVersion}" unless you need a ${declared.major}.${declared.minor} feature`,
      ['version'],
    );

  // Parse against the version the card declares (at most what Teams renders), so newer features are reported.
  const use = declared && !newer(declared, max) ? declared : max;
  const version = new AC.Version(use.major, use.minor);

  // Each JSON object's parent and key; a path is only spelt out for an object a problem is about. (Recursive, as the
  // library is: checkTeamsMessage refused anything nested deeper than MAX_JSON_DEPTH.)
  const up = new Map<unknown, { parent: unknown; key: PathSegment }>();
  (function index(node: unknown) {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v = node[i];
        if (v !== null && typeof v === 'object') {
          up.set(v, { parent: node, key: i });
          index(v);
        }
      }
    } else if (node !== null && typeof node === 'object') {
      for (const k in node) {
        const v = (node as Json)[k];
        if (v !== null && typeof v === 'object') {
          up.set(v, { parent: node, key: k });
          index(v);
        }
      }
    }
  })(card);
  const pathOf = (raw: unknown): PathSegment[] | undefined => {
    if (raw !== card && !up.has(raw)) return undefined;
    const path: PathSegment[] = [];
    for (let n = up.get(raw); n; n = up.get(n.parent)) path.push(n.key);
    return path.reverse();
  };

  // Per-check registries (the library's defaults; Table registers itself only as an import side effect).
  const elements = new AC.CardObjectRegistry<AdaptiveCardsModule.CardElement>();
  AC.GlobalRegistry.populateWithDefaultElements(elements);
  if (!elements.findByName('Table')) elements.register('Table', AC.Table, AC.Versions.v1_5);
  const actions = new AC.CardObjectRegistry<AdaptiveCardsModule.Action>();
  AC.GlobalRegistry.populateWithDefaultActions(actions);

  const ctx = new AC.SerializationContext(version);
  ctx.setElementRegistry(elements);
  ctx.setActionRegistry(actions);
  // The raw JSON of the card object being parsed, for events the library logs without a source object.
  const rawStack: unknown[] = [];
  const rawOfEvent = new Map<number, unknown>();
  const internals = ctx as unknown as ContextInternals;
  const parseCardObject = internals.internalParseCardObject;
  const logEvent = internals.logEvent;
  internals.internalParseCardObject = function (this: unknown, parent, source, ...rest) {
    rawStack.push(source);
    try {
      return parseCardObject.call(this, parent, source, ...rest);
    } finally {
      rawStack.pop();
    }
  };
  internals.logEvent = function (this: unknown, source, phase, event, message) {
    logEvent.call(this, source, phase, event, message);
    if (!source && rawStack.length) rawOfEvent.set(ctx.eventCount - 1, rawStack[rawStack.length - 1]);
  };

  // Which raw JSON object each library object was parsed from: every parse goes through internalParse.
  const rawOf = new WeakMap<object, unknown>();
  const proto = AC.SerializableObject.prototype as unknown as ParseInternals;
  const internalParse = proto.internalParse;
  proto.internalParse = function (this: object, source, context) {
    if (source && typeof source === 'object') rawOf.set(this, source);
    return internalParse.call(this, source, context);
  };
  const parsed = new AC.AdaptiveCard();
  // Version limits are reported above, in Teams' words; the action limit is Teams'.
  parsed.maxVersion = AC.Versions.latest;
  parsed.hostConfig = new AC.HostConfig({ actions: { maxActions: TEAMS_LIMITS.maxActions } });
  try {
    parsed.parse(card, ctx);
  } finally {
    proto.internalParse = internalParse;
  }

  const events: Array<{ e: RawEvent; raw: unknown }> = [];
  for (let i = 0; i < ctx.eventCount; i++) events.push({ e: ctx.getEventAt(i), raw: rawOfEvent.get(i) });
  for (const e of parsed.validateProperties().validationEvents) events.push({ e, raw: undefined });

  const seen = new Set<string>();
  for (const { e, raw: sourceless } of events) {
    const name = AC.ValidationEvent[e.event] ?? 'Other';
    if (name === 'UnsupportedCardVersion' || /^Invalid (card )?version/.test(e.message)) continue; // reported above
    let raw = e.source ? rawOf.get(e.source as object) : sourceless;
    // Objects made from non-objects (a string inline in a RichTextBlock) have no JSON object: use the parent's.
    for (let o = e.source as { parent?: object } | undefined; raw === undefined && o?.parent; o = o.parent as never)
      raw = rawOf.get(o.parent);
    const base = raw !== undefined ? pathOf(raw) : undefined;
    const prop = propertyOf(e.message, name);
    const path = base === undefined ? [] : prop ? [...base, prop] : base;
    // The library quotes values from samples: control characters in them are shown visibly.
    const message = visible(explain(e.message, name, version, elements, actions));
    const key = JSON.stringify([path, message]);
    if (seen.has(key)) continue; // validation repeats some parse findings
    seen.add(key);
    add(`render/teams-${kebab(name)}`, SEVERITY[name] ?? 'warning', message, path);
  }
  pushAll(out, hostRules(card, at));
  return out;
}

function propertyOf(message: string, event: string): string | undefined {
  const m = /[Pp]roperty "([^"]+)"/.exec(message);
  if (m) return m[1];
  if (/^Invalid column width/.test(message)) return 'width';
  if (/Input\.ChoiceSet/.test(message)) return 'choices';
  return IMPLIED_PROPERTY[event];
}

/** The library's message, with what Teams readers need added: the version a type needs, or the likely spelling. */
function explain(
  message: string,
  event: string,
  version: AdaptiveCardsModule.Version,
  elements: AdaptiveCardsModule.CardObjectRegistry<AdaptiveCardsModule.CardElement>,
  actions: AdaptiveCardsModule.CardObjectRegistry<AdaptiveCardsModule.Action>,
): string {
  const unknown = /^Unknown (element|action) type "([^"]*)"/.exec(message);
  if (!unknown) return message;
  const registry = event === 'UnknownActionType' ? actions : elements;
  const type = unknown[2];
  const known = registry.findByName(type);
  if (known && known.schemaVersion.compareTo(version) > 0)
    return `${type} needs card version ${known.schemaVersion.toString()} or later; this card is parsed as version ${version.toString()}, where Teams does not know it`;
  const names: string[] = [];
  for (let i = 0; i < registry.getItemCount(); i++) names.push(registry.getItemAt(i).typeName);
  const guess = type ? closestWord(type, names) : undefined;
  return guess ? `${message} Did you mean "${guess}"?` : message;
}

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/**
 * What Teams does not support although the library accepts it (Microsoft: cards-reference, connectors-using):
 * cards posted through a workflow cannot send data back, and Media elements are not shown.
 */
function hostRules(card: Json, at: PathSegment[]): TeamsFinding[] {
  const out: TeamsFinding[] = [];
  const path: PathSegment[] = [...at]; // the path of the node being walked (one array, pushed and popped)
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        walk(node[i]);
        path.pop();
      }
      return;
    }
    if (!isObject(node)) return;
    const type = node.type;
    if (type === 'Action.Submit' || type === 'Action.Execute')
      out.push({
        code: 'render/teams-action-not-supported',
        severity: 'warning',
        message: `${type} does nothing in a card posted by a Teams Workflow (there is no bot to receive it); use Action.OpenUrl, Action.ShowCard or Action.ToggleVisibility`,
        path: [...path, 'type'],
      });
    if (type === 'Media')
      out.push({
        code: 'render/teams-media-not-supported',
        severity: 'warning',
        message: 'Teams does not show Media elements in cards; link to the media with Action.OpenUrl instead',
        path: [...path, 'type'],
      });
    for (const k in node) {
      const v = node[k];
      if (v === null || typeof v !== 'object') continue;
      path.push(k);
      walk(v);
      path.pop();
    }
  };
  walk(card);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Back to the macro

/**
 * Where a finding is in the macro: the payload is the macro's JSON body with values filled in, so a path into the
 * payload is the same path in the body. A path that goes on inside a filled-in value (a `((Tag)):json`), or to a
 * property the body does not have, stops at the deepest node the body has: for an object, its `type` value, so a
 * problem about an element is shown on the element's first line, not across all of it.
 */
export function locateInBody(bodyNode: Node, path: readonly PathSegment[]): OffsetRange {
  let node = bodyNode;
  let exact = true;
  for (let i = 0; i < path.length; i++) {
    const next = nodeAtPath(node, [path[i]]);
    if (!next) {
      exact = false;
      break;
    }
    node = next;
  }
  if (!exact && node.type === 'object') {
    const type = nodeAtPath(node, ['type']);
    if (type) return nodeRange(type);
    return { start: node.offset, end: node.offset + 1 };
  }
  if (node.type === 'object' || node.type === 'array') return { start: node.offset, end: node.offset + 1 };
  return nodeRange(node);
}

/** Findings as problems in the macro, located through its body node. */
export function teamsProblems(findings: readonly TeamsFinding[], bodyNode: Node): Problem[] {
  return findings.map(f => problem(f.code, f.severity, f.message, locateInBody(bodyNode, f.path)));
}

/**
 * The Teams checks of one render of a macro, located in the macro: what the preview, `ccmacro render` and the
 * editor's payload check (check/targetRender.ts) and `ccmacro test` report. Empty unless the render was for Teams and has a JSON body.
 */
export async function checkTeamsRender(
  parsed: ParsedMacro,
  result: Pick<RenderResult, 'target' | 'request'>,
): Promise<Problem[]> {
  const c = compileMacro(parsed);
  const bodyText = result.request?.bodyText;
  if (result.target !== 'teams' || bodyText === undefined || c.format !== 'json' || !c.bodyNode) return [];
  return teamsProblems(await checkTeamsMessage(bodyText), c.bodyNode);
}
