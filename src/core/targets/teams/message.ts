import type { PathSegment } from '../../common/jsonPath';
import { MAX_JSON_DEPTH, valueTooDeepPath } from '../../common/jsonDepth';
import { isObject } from '../../common/objects';
import { pushAll } from '../../common/arrays';
import type { Severity } from '../../common/problem';
import { ADAPTIVE_CARD_CONTENT_TYPE, TEAMS_LIMITS, type TeamsFinding } from './limits';

export type { TeamsFinding } from './limits';

/**
 * Checks a Microsoft Teams message (what a Teams Workflow's "When a Teams webhook request is received" trigger
 * takes): its size and envelope here, each card with Microsoft's own Adaptive Cards library in card.ts, loaded by
 * the first card checked (`await import('./card')`, which loads the library). Each problem is at a
 * JSON path of the payload. Sources for every rule: docs/teams.md.
 */

const WORKFLOW_SHAPE =
  '{"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": {"type": "AdaptiveCard", …}}]}';

type Add = (code: string, severity: Severity, message: string, path?: PathSegment[], limit?: string) => void;
type CheckCardAt = (card: Record<string, unknown>, at: PathSegment[]) => void;

/** Check the body of a Teams message (text as sent). Never throws for bad input. */
export async function checkTeamsMessage(bodyText: string): Promise<TeamsFinding[]> {
  const out: TeamsFinding[] = [];
  const add: Add = (code, severity, message, path = [], limit) =>
    out.push(limit ? { code, severity, message, path, limit } : { code, severity, message, path });
  sizeFindings(Buffer.byteLength(bodyText, 'utf8'), add);
  let payload: unknown;
  try {
    payload = JSON.parse(bodyText);
  } catch {
    add('render/teams-not-json', 'error', 'The body is not valid JSON, so Teams cannot read it');
    return out;
  }
  if (!readableMessage(payload, add)) return out;
  // Microsoft's library, loaded on first use.
  const checkCard = await (await import('./card')).cardChecker();
  const cardAt = (card: Record<string, unknown>, at: PathSegment[]) => pushAll(out, checkCard(card, at));
  if (payload.type === 'AdaptiveCard') {
    add(
      'render/teams-bare-card',
      'error',
      `The body is a bare Adaptive Card; a Teams Workflow needs it inside a message (the workflow run fails with "'attachments' is of type 'Null'"): ${WORKFLOW_SHAPE}`,
      ['type'],
    );
    cardAt(payload, []);
    return out;
  }
  if (payload.type !== 'message')
    add(
      'render/teams-envelope',
      'error',
      `A Teams message needs "type": "message"${payload.type === undefined ? '' : `, not ${JSON.stringify(payload.type)}`}`,
      payload.type === undefined ? [] : ['type'],
    );
  checkAttachments(payload.attachments, add, cardAt);
  return out;
}

function sizeFindings(bytes: number, add: Add): void {
  const kb = (n: number) => `${(n / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} KB`;
  if (bytes > TEAMS_LIMITS.bytes)
    add(
      'render/teams-too-large',
      'error',
      `The message is ${kb(bytes)} once filled in; Teams takes at most 28 KB and drops larger ones (the workflow run fails with "The payload is too large"). Shorten long values such as the description`,
      [],
      'bytes',
    );
  else if (bytes > TEAMS_LIMITS.warnBytes)
    add(
      'render/teams-near-size-limit',
      'warning',
      `The message is ${kb(bytes)} once filled in, close to Teams' 28 KB limit; messages from about 26 KB have been reported to fail. Long values such as the description may push it over`,
      [],
      'warnBytes',
    );
}

/**
 * Whether there is a message to look into: a JSON object, not nested too deep, and not an Office 365 connector card
 * (a finding says why not).
 */
function readableMessage(payload: unknown, add: Add): payload is Record<string, unknown> {
  // Microsoft's library (and the walks in card.ts) recurse once per level: a card nested thousands deep would
  // overflow the stack, so deeper messages are refused here, at the first level too many.
  const deep = valueTooDeepPath(payload);
  if (deep) {
    add(
      'render/teams-too-deep',
      'error',
      `The message is nested more than ${MAX_JSON_DEPTH} levels deep here (objects and lists inside each other), far deeper than any card Teams shows; ccmacro does not check it further`,
      deep,
    );
    return false;
  }
  if (!isObject(payload)) {
    add('render/teams-envelope', 'error', `A Teams message is a JSON object: ${WORKFLOW_SHAPE}`);
    return false;
  }
  if (payload['@type'] === 'MessageCard' || payload.type === 'MessageCard') {
    add(
      'render/teams-message-card',
      'error',
      'This is an Office 365 connector MessageCard. Teams Workflows take Adaptive Cards only: send ' + WORKFLOW_SHAPE,
      [payload['@type'] === 'MessageCard' ? '@type' : 'type'],
    );
    return false;
  }
  return true;
}

/** Each attachment: the Adaptive Card content type, and its card (checked by `cardAt`). */
function checkAttachments(attachments: unknown, add: Add, cardAt: CheckCardAt): void {
  if (!Array.isArray(attachments) || attachments.length === 0) {
    add(
      'render/teams-envelope',
      'error',
      'A Teams message needs "attachments": a list with the Adaptive Card (a workflow posts each attachment\'s "content")',
      attachments === undefined ? [] : ['attachments'],
    );
    return;
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
    cardAt(a.content, [...at, 'content']);
  });
}
