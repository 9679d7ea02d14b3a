import { nodeAtPath } from '../common/jsonPath';
import { MACRO_TARGETS, type MacroTarget } from '../macro/model';
import type { ParsedMacro } from '../macro/parse';
import { compileMacro } from './compile';
import { isSlackHost } from './slack';

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
  const c = compileMacro(parsed);
  if (isSlackHost(c.urlHost)) return 'slack';
  if (isTeamsConnectorHost(c.urlHost)) return 'teams';
  if (isPowerAutomateHost(c.urlHost) && nodeAtPath(c.bodyNode, ['type'])?.value === 'message') return 'teams';
  return 'generic';
}
