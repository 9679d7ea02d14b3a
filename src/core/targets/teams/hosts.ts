import { nodeAtPath } from '../../common/jsonPath';
import type { RecognitionInput, ServiceAnswer } from '../types';
import { hostOf } from '../../common/urlHost';

/** A legacy Office 365 connector ("Incoming Webhook") URL: always Microsoft Teams. Microsoft is retiring them. */
function isTeamsConnectorHost(host: string | undefined): boolean {
  return !!host && host.endsWith('.webhook.office.com');
}

/**
 * A Power Automate or Logic Apps trigger URL. Teams Workflows ("When a Teams webhook request is received") use
 * these hosts, but so does any other HTTP-triggered flow, so the host alone does not say Teams.
 */
function isPowerAutomateHost(host: string | undefined): boolean {
  return !!host && (host.endsWith('.environment.api.powerplatform.com') || host.endsWith('.logic.azure.com'));
}

/** A connector URL, or a Power Automate / Logic Apps URL with a Teams message body (`"type": "message"`). */
export function isTeamsMacro({ host, parsed }: RecognitionInput): boolean {
  if (isTeamsConnectorHost(host)) return true;
  return isPowerAutomateHost(host) && nodeAtPath(parsed.root, ['request', 'body', 'type'])?.value === 'message';
}

/** A Workflow's 202 says the request arrived, not that the card did. */
export function explainTeamsAnswer(answer: ServiceAnswer): string | undefined {
  if (answer.status !== 202 || !isPowerAutomateHost(hostOf(answer.url))) return undefined;
  return "Accepted (202): a Teams Workflow answers before it posts the card, so this does not mean the card arrived. If it does not show up, open the workflow's run history (Teams → Workflows, or make.powerautomate.com): a broken card fails there.";
}
