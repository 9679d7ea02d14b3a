import type { ReceivedRequestView, ReceiverAnswer, TargetReceiver } from '../types';
import { checkSlackBody, SLACK_LIMITS } from './payload';

/**
 * Slack's incoming webhook, with its real error bodies: 405 for another method, 413 `request_too_large`, 400
 * `invalid_payload` for a body that is not a JSON object (a form body may carry it as `payload=`), and for the other
 * errors of the payload check (the one the editor and `ccmacro validate` run) the body Slack answers with: `no_text`,
 * `invalid_blocks`, `invalid_blocks_format`. What Slack takes but changes (text over 40,000 characters) is a 200 `ok` with a note.
 */
export const SLACK_RECEIVER: TargetReceiver = {
  describe:
    'like a Slack incoming webhook (valid JSON, "text" or "blocks", at most 50 blocks, Block Kit\'s limits) and get Slack\'s error answers, e.g. 400 invalid_payload or 400 no_text.',
  answer: r => Promise.resolve(answerLikeSlack(r)),
};

function answerLikeSlack(r: ReceivedRequestView): ReceiverAnswer {
  if (r.method !== 'POST') return { status: 405, body: 'invalid_method' };
  if (r.bodyBytes > SLACK_LIMITS.bodyBytes) return { status: 413, body: 'request_too_large' };
  const findings = checkSlackBody(r.contentType, r.bodyText);
  const refused = findings.find(f => f.severity === 'error');
  if (refused) return { status: 400, body: refused.answer ?? 'invalid_payload' };
  const notes = findings.map(f => f.message);
  return notes.length ? { status: 200, body: 'ok', note: notes.join('; ') } : { status: 200, body: 'ok' };
}
