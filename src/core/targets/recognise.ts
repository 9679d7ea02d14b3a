import { nodeAtPath } from '../common/jsonPath';
import { MACRO_TARGETS, type MacroTarget } from '../macro/model';
import type { ParsedMacro } from '../macro/parse';

/** A Slack incoming-webhook host. */
export function isSlackHost(host: string | undefined): boolean {
  return host === 'hooks.slack.com';
}

/** A legacy Office 365 connector ("Incoming Webhook") URL: always Microsoft Teams. Microsoft is retiring them. */
export function isTeamsConnectorHost(host: string | undefined): boolean {
  return !!host && host.endsWith('.webhook.office.com');
}

/**
 * A Power Automate or Logic Apps trigger URL. Teams Workflows ("When a Teams webhook request is received") use
 * these hosts, but so does any other HTTP-triggered flow, so the host alone does not say Teams.
 */
export function isPowerAutomateHost(host: string | undefined): boolean {
  return !!host && (host.endsWith('.environment.api.powerplatform.com') || host.endsWith('.logic.azure.com'));
}

/**
 * The host of the macro's URL when the macro writes it literally (lower case), else undefined: a URL that is a
 * `${secret:…}` placeholder, or whose host a `((tag))` could still extend (only a host followed by a delimiter
 * before the first tag counts).
 */
export function literalUrlHost(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const tag = url.indexOf('((');
  const prefix = tag < 0 ? url : url.slice(0, tag);
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#:@]+)/.exec(prefix);
  return m && (tag < 0 || m[0].length < prefix.length) ? m[1].toLowerCase() : undefined;
}

/**
 * What a macro posts to, which decides its escaping, checks and preview tab:
 *  1. `"target"` when it is one of slack, teams, generic;
 *  2. else the version-1 `"slack"` flag (true: slack, false: generic);
 *  3. else the URL written in the macro: hooks.slack.com is Slack; a *.webhook.office.com connector is Teams; a
 *     Power Automate / Logic Apps URL is Teams when the body is a Teams message (`"type": "message"`);
 *  4. else generic (also when the URL is a `${secret:…}` placeholder: say `"target"` then).
 */
export function macroTarget(parsed: ParsedMacro): MacroTarget {
  const m = parsed.macro;
  if (typeof m?.target === 'string' && (MACRO_TARGETS as readonly string[]).includes(m.target)) return m.target;
  if (typeof m?.slack === 'boolean') return m.slack ? 'slack' : 'generic';
  return targetFromUrl(parsed);
}

/** Step 3 of macroTarget alone: what the URL (and for Power Automate, the body) says. */
export function targetFromUrl(parsed: ParsedMacro): MacroTarget {
  const host = literalUrlHost(parsed.macro?.request?.url);
  if (isSlackHost(host)) return 'slack';
  if (isTeamsConnectorHost(host)) return 'teams';
  if (isPowerAutomateHost(host) && nodeAtPath(parsed.root, ['request', 'body', 'type'])?.value === 'message')
    return 'teams';
  return 'generic';
}
