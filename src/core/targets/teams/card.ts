import type * as AdaptiveCardsModule from './adaptiveCards';
import { visible } from '../../common/controlChars';
import { closestWord } from '../../common/editDistance';
import type { PathSegment } from '../../common/jsonPath';
import { isObject } from '../../common/objects';
import type { Severity } from '../../common/problem';
import { pushAll } from '../../common/arrays';
import { TEAMS_CARD_VERSIONS, TEAMS_LIMITS, type TeamsFinding } from './limits';
import { hostRules } from './hostRules';

/**
 * One Adaptive Card checked with Microsoft's `adaptivecards` library, each of its events placed at the JSON path of
 * the element and property it is about. The library (200 KB) loads with the first card checked
 * (`await import('./adaptiveCards')`): a macro of another target never loads it. Sources for every rule: docs/teams.md.
 */

type AC = typeof AdaptiveCardsModule;
type Json = Record<string, unknown>;
type Version = { major: number; minor: number };
type Registries = {
  elements: AdaptiveCardsModule.CardObjectRegistry<AdaptiveCardsModule.CardElement>;
  actions: AdaptiveCardsModule.CardObjectRegistry<AdaptiveCardsModule.Action>;
};

/** The card check, once the library is loaded: `check(card, at)` with `at` the card's path in the payload. */
export async function cardChecker(): Promise<(card: Json, at: PathSegment[]) => TeamsFinding[]> {
  const AC = await loadAdaptiveCards();
  return (card, at) => checkCard(AC, card, at);
}

/** The library, loaded by the first card checked. */
export function loadAdaptiveCards(): Promise<AC> {
  return import('./adaptiveCards');
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

/** A library event, with the raw JSON object it was logged for when the library gave no source object. */
type CardEvent = { e: RawEvent; raw: unknown };

function parseVersion(v: unknown): Version | undefined {
  const m = typeof v === 'string' ? /^(\d+)\.(\d+)$/.exec(v.trim()) : null;
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

const newer = (a: Version, b: Version) => a.major > b.major || (a.major === b.major && a.minor > b.minor);

/** Check one Adaptive Card object (`at`: its path in the payload). */
function checkCard(AC: AC, card: Json, at: PathSegment[]): TeamsFinding[] {
  const out: TeamsFinding[] = [];
  const add = (code: string, severity: Severity, message: string, path: PathSegment[]) =>
    out.push({ code, severity, message, path: [...at, ...path] });
  // Parse against the version the card declares (at most what Teams renders), so newer features are reported.
  const use = versionFindings(card.version, add);
  const version = new AC.Version(use.major, use.minor);
  const registries = cardRegistries(AC);
  const { events, rawOf } = parseEvents(AC, card, version, registries);
  const pathOf = pathIndex(card);
  const seen = new Set<string>();
  for (const { e, raw: sourceless } of events) {
    const name = AC.ValidationEvent[e.event] ?? 'Other';
    if (name === 'UnsupportedCardVersion' || /^Invalid (card )?version/.test(e.message)) continue; // reported above
    const base = eventObject(e, sourceless, rawOf, pathOf);
    const prop = propertyOf(e.message, name);
    const path = base === undefined ? [] : prop ? [...base, prop] : base;
    // The library quotes values from samples: control characters in them are shown visibly.
    const message = visible(explain(e.message, name, version, registries));
    const key = JSON.stringify([path, message]);
    if (seen.has(key)) continue; // validation repeats some parse findings
    seen.add(key);
    add(`render/teams-${kebab(name)}`, SEVERITY[name] ?? 'warning', message, path);
  }
  pushAll(out, hostRules(card, at));
  return out;
}

/** The card's `version` against what Teams renders; returns the version to parse the card as. */
function versionFindings(
  v: unknown,
  add: (code: string, severity: Severity, message: string, path: PathSegment[]) => void,
): Version {
  const { max: maxText, safe } = TEAMS_CARD_VERSIONS;
  const max = parseVersion(maxText)!;
  const declared = parseVersion(v);
  const code = 'render/teams-card-version';
  if (v === undefined)
    add(code, 'error', `The card needs a "version": Teams renders versions up to ${maxText}; use "${safe}"`, []);
  else if (!declared)
    add(code, 'error', `The card "version" must be written like "${safe}", not ${JSON.stringify(v)}`, ['version']);
  else if (newer(declared, max))
    add(
      code,
      'error',
      `Teams renders Adaptive Cards up to version ${maxText}, so a ${declared.major}.${declared.minor} card shows "We're sorry, this card couldn't be displayed". Use "${safe}"`,
      ['version'],
    );
  else if (newer(declared, parseVersion(safe)!))
    add(
      code,
      'warning',
      `Cards of version ${declared.major}.${declared.minor} posted by a Teams Workflow have failed to show where 1.4 worked; use "${safe}" unless you need a ${declared.major}.${declared.minor} feature`,
      ['version'],
    );
  return declared && !newer(declared, max) ? declared : max;
}

/** Per-check registries (the library's defaults; Table registers itself only as an import side effect). */
function cardRegistries(AC: AC): Registries {
  const elements = new AC.CardObjectRegistry<AdaptiveCardsModule.CardElement>();
  AC.GlobalRegistry.populateWithDefaultElements(elements);
  if (!elements.findByName('Table')) elements.register('Table', AC.Table, AC.Versions.v1_5);
  const actions = new AC.CardObjectRegistry<AdaptiveCardsModule.Action>();
  AC.GlobalRegistry.populateWithDefaultActions(actions);
  return { elements, actions };
}

/**
 * Parse and validate the card with the library, keeping which raw JSON object each event is about: the library
 * logs some events without a source object, so the object being parsed at the time is recorded for them.
 */
function parseEvents(
  AC: AC,
  card: Json,
  version: AdaptiveCardsModule.Version,
  registries: Registries,
): { events: CardEvent[]; rawOf: WeakMap<object, unknown> } {
  const ctx = new AC.SerializationContext(version);
  ctx.setElementRegistry(registries.elements);
  ctx.setActionRegistry(registries.actions);
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
  const parsed = parseTracked(AC, card, ctx, rawOf);
  const events: CardEvent[] = [];
  for (let i = 0; i < ctx.eventCount; i++) events.push({ e: ctx.getEventAt(i), raw: rawOfEvent.get(i) });
  for (const e of parsed.validateProperties().validationEvents) events.push({ e, raw: undefined });
  return { events, rawOf };
}

function parseTracked(
  AC: AC,
  card: Json,
  ctx: AdaptiveCardsModule.SerializationContext,
  rawOf: WeakMap<object, unknown>,
): AdaptiveCardsModule.AdaptiveCard {
  const proto = AC.SerializableObject.prototype as unknown as ParseInternals;
  const internalParse = proto.internalParse;
  proto.internalParse = function (this: object, source, context) {
    if (source && typeof source === 'object') rawOf.set(this, source);
    return internalParse.call(this, source, context);
  };
  const parsed = new AC.AdaptiveCard();
  // Version limits are reported by versionFindings, in Teams' words; the action limit is Teams'.
  parsed.maxVersion = AC.Versions.latest;
  parsed.hostConfig = new AC.HostConfig({ actions: { maxActions: TEAMS_LIMITS.maxActions } });
  try {
    parsed.parse(card, ctx);
  } finally {
    proto.internalParse = internalParse;
  }
  return parsed;
}

/** The path of the JSON object an event is about (objects made from non-objects use their parent's). */
function eventObject(
  e: RawEvent,
  sourceless: unknown,
  rawOf: WeakMap<object, unknown>,
  pathOf: (raw: unknown) => PathSegment[] | undefined,
): PathSegment[] | undefined {
  let raw = e.source ? rawOf.get(e.source as object) : sourceless;
  // Objects made from non-objects (a string inline in a RichTextBlock) have no JSON object: use the parent's.
  for (let o = e.source as { parent?: object } | undefined; raw === undefined && o?.parent; o = o.parent as never)
    raw = rawOf.get(o.parent);
  return raw !== undefined ? pathOf(raw) : undefined;
}

/**
 * Each JSON object's parent and key; a path is only spelt out for an object a problem is about. (Recursive, as the
 * library is: checkTeamsMessage refused anything nested deeper than MAX_JSON_DEPTH.)
 */
function pathIndex(card: Json): (raw: unknown) => PathSegment[] | undefined {
  const up = new Map<unknown, { parent: unknown; key: PathSegment }>();
  (function index(node: unknown) {
    const entries: Array<[PathSegment, unknown]> = Array.isArray(node)
      ? node.map((v, i): [PathSegment, unknown] => [i, v])
      : isObject(node)
        ? Object.entries(node)
        : [];
    for (const [key, v] of entries) {
      if (v !== null && typeof v === 'object') {
        up.set(v, { parent: node, key });
        index(v);
      }
    }
  })(card);
  return raw => {
    if (raw !== card && !up.has(raw)) return undefined;
    const path: PathSegment[] = [];
    for (let n = up.get(raw); n; n = up.get(n.parent)) path.push(n.key);
    return path.reverse();
  };
}

function propertyOf(message: string, event: string): string | undefined {
  const m = /[Pp]roperty "([^"]+)"/.exec(message);
  if (m) return m[1];
  if (/^Invalid column width/.test(message)) return 'width';
  if (/Input\.ChoiceSet/.test(message)) return 'choices';
  return IMPLIED_PROPERTY[event];
}

/** The library's message, with what Teams readers need added: the version a type needs, or the likely spelling. */
function explain(message: string, event: string, version: AdaptiveCardsModule.Version, registries: Registries): string {
  const unknown = /^Unknown (element|action) type "([^"]*)"/.exec(message);
  if (!unknown) return message;
  const registry = event === 'UnknownActionType' ? registries.actions : registries.elements;
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
