import { formatJsonPath } from '../../common/jsonPath';
import type { ReceivedRequestView, ReceiverAnswer, TargetReceiver } from '../types';
import { TEAMS_LIMITS, type TeamsFinding } from './limits';
import { checkTeamsMessage } from './message';

const TEAMS_LATER =
  "A real Teams Workflow answers 202 to every request and posts the card afterwards; a broken card only fails later, in the flow's run history";

/**
 * A Teams Workflow's webhook trigger, made strict: a real one answers 202 at once and fails later in the flow's
 * run history, where nobody sees it. Here a message Teams would not show (not JSON, not a `message` with an
 * Adaptive Card, a card the Adaptive Cards library rejects, over 28 KB) gets 400 with the problems in the body,
 * so `ccmacro send` fails too; a good one gets 202 like the real thing, with any warnings in the note.
 */
export const TEAMS_RECEIVER: TargetReceiver = {
  describe:
    'like a Teams Workflow posting an Adaptive Card (a "message" envelope, the card checked with Microsoft\'s Adaptive Cards library, at most 28 KB): a good message gets 202 like the real thing, a broken one 400 with the problems in the body. (A real Teams Workflow answers 202 either way and fails later, in the flow\'s run history.)',
  answer: answerLikeTeams,
};

async function answerLikeTeams(r: ReceivedRequestView): Promise<ReceiverAnswer> {
  if (r.method !== 'POST') return { status: 405, body: 'Teams Workflows take POST requests only' };
  if (r.bodyBytes > TEAMS_LIMITS.bodyBytes) return { status: 413, body: "The message is far over Teams' 28 KB limit" };
  const findings = await checkTeamsMessage(r.bodyText);
  const line = (f: TeamsFinding) => `- ${formatJsonPath(f.path) || '(the message)'}: ${f.message} [${f.code}]`;
  const errors = findings.filter(f => f.severity === 'error');
  const others = findings.filter(f => f.severity !== 'error');
  if (errors.length)
    return {
      status: 400,
      body: ['Teams would not show this message:', ...errors.map(line), ...others.map(line)].join('\n') + '\n',
      note: `${TEAMS_LATER}; this test receiver is stricter and answers 400 now`,
    };
  return {
    status: 202,
    body: '',
    note: [
      TEAMS_LATER + '.',
      ...(others.length ? ['Teams may show the card differently:', ...others.map(line)] : []),
    ].join('\n'),
  };
}
