import type { AzureDevOpsWorkItemView } from './azure-devops/view';
import type { SlackMessage } from './slack/message';
import type { TeamsCardView } from './teams/cardView';
import type { JiraIssueView } from './jira/view';

/**
 * What each target's preview tab draws, by target id: the type half of the registry (index.ts), for the webview's
 * drawing modules (src/webview/targets/), which take only types from the core. index.ts fails to compile when a
 * target's preview and this list disagree. Only Node-free modules belong in this type graph.
 */
export interface TargetViews {
  slack: SlackMessage;
  teams: TeamsCardView;
  jira: JiraIssueView;
  'azure-devops': AzureDevOpsWorkItemView;
}

/** One target's tab content, as the host posts it. */
export type TargetView = { [K in keyof TargetViews]: { target: K; data: TargetViews[K] } }[keyof TargetViews];
