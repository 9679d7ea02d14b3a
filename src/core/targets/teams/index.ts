import type { Target } from '../types';
import { teamsCardView } from './cardView';
import { TEAMS_FIELDS } from './escape';
import { explainTeamsAnswer, isTeamsMacro } from './hosts';
import { TEAMS_LIMITS } from './limits';
import { checkTeamsMessage } from './message';
import { TEAMS_RECEIVER } from './receiver';
import { TEAMS_TEMPLATES } from './templates';

/** A Microsoft Teams Workflow posting an Adaptive Card (docs/teams.md). */
export const teams = {
  id: 'teams',
  name: 'Microsoft Teams',
  summary: {
    text: 'A Microsoft Teams Workflow ("When a Teams webhook request is received"): values are escaped for the Adaptive Card\'s Markdown, the card is checked with Microsoft\'s Adaptive Cards library, and the preview draws the card.',
    markdown:
      "A **Microsoft Teams** Workflow (*When a Teams webhook request is received*): values are escaped for the Adaptive Card's Markdown, the card is checked with Microsoft's Adaptive Cards library, and the preview draws the card.",
  },
  recognition: {
    exampleUrls: [
      'https://contoso.webhook.office.com/webhookb2/0000/IncomingWebhook/1111/2222',
      'https://prod-00.westus.logic.azure.com:443/workflows/0000/triggers/manual/paths/invoke?api-version=2016-06-01',
    ],
    matches: isTeamsMacro,
  },
  fields: TEAMS_FIELDS,
  request: { takers: 'Teams Workflows', methods: ['POST'], bodyFormats: ['json'] },
  limits: TEAMS_LIMITS,
  checkPayload: request => checkTeamsMessage(request.bodyText),
  preview: {
    tab: 'Teams card',
    view: ({ bodyText, substitutions, tagSyntax }) => teamsCardView(bodyText, substitutions, tagSyntax),
  },
  receiver: TEAMS_RECEIVER,
  explainAnswer: explainTeamsAnswer,
  templates: TEAMS_TEMPLATES,
} satisfies Target<'teams'>;
