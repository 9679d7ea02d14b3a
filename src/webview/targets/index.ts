import type { TargetViews } from '../../core/targets/views';
import { azureDevOpsDrawing } from './azure-devops';
import type { TargetDrawing } from './drawing';
import { jiraDrawing } from './jira';
import { slackDrawing } from './slack';
import { teamsDrawing } from './teams';

/**
 * The webview's registry: one drawing module per target with a preview tab (the core's registry lists the targets,
 * src/core/targets/views.ts their view models: a target with a view and no drawing here does not compile).
 */
export const TARGET_DRAWINGS: { [K in keyof TargetViews]: TargetDrawing<TargetViews[K]> } = {
  slack: slackDrawing,
  teams: teamsDrawing,
  jira: jiraDrawing,
  'azure-devops': azureDevOpsDrawing,
};
