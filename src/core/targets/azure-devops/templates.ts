import type { TargetTemplate } from '../types';
import { JSON_PATCH_CONTENT_TYPE } from './limits';
import { DEFAULT_API_VERSION } from './url';

const BASE = 'https://dev.azure.com/yourorganization/yourproject/_apis/wit/workitems';
const HEADERS = {
  'Content-Type': JSON_PATCH_CONTENT_TYPE,
  Accept: 'application/json',
  Authorization: 'Basic ${secret:AZURE_DEVOPS_BASIC_AUTH}',
};
const AUTH_COMMENT =
  'AZURE_DEVOPS_BASIC_AUTH is base64(":" + a personal access token with Work Items Read & write); set it with "ccmacro: Set Secret".';

/** The saved work item id: the create template saves it, the update template's address uses it. */
const WORK_ITEM_ID_TAG = 'Work Item ID';

export const AZURE_DEVOPS_TEMPLATES: readonly TargetTemplate[] = [
  {
    kind: 'azure-devops',
    label: 'Create Azure DevOps work item from feedback',
    description: 'Create an Azure DevOps bug from the feedback and save its id',
    comment: [
      'Creates an Azure DevOps work item (a Bug) from the feedback and saves its id as Work Item ID.',
      'Change the organization, the project and the work item type ($Bug, $Task, $User%20Story) to yours.',
      AUTH_COMMENT,
    ],
    statesTarget: true,
    request: {
      method: 'POST',
      url: `${BASE}/$Bug?api-version=${DEFAULT_API_VERSION}`,
      headers: HEADERS,
      bodyFormat: 'json',
      body: [
        { op: 'add', path: '/fields/System.Title', value: '((Title))' },
        {
          op: 'add',
          path: '/fields/Microsoft.VSTS.TCM.ReproSteps',
          value:
            '<p>((Description))</p><h3>Steps to reproduce</h3><p>((Steps to Reproduce))</p><p>Severity ((Severity)), reported by ((Submitter Name)) in ((Project Name)).</p>',
        },
        { op: 'add', path: '/fields/System.Tags', value: 'Centercode; ((Feature))' },
        {
          op: 'add',
          path: '/relations/-',
          value: {
            rel: 'Hyperlink',
            url: '((Feedback URL))',
            attributes: { comment: 'Centercode feedback #((Feedback ID))' },
          },
        },
      ],
    },
    returnValues: { id: WORK_ITEM_ID_TAG },
    snippet: {
      description: 'A feedback macro that creates an Azure DevOps work item and saves its id back on the feedback',
      body: {
        version: 1,
        name: '${1:Create Azure DevOps work item}',
        scope: 'feedback',
        feedbackTypes: ['Issue'],
        showInFeedbackManagement: true,
        triggers: ['manual'],
        target: 'azure-devops',
        request: {
          method: 'POST',
          url: `https://dev.azure.com/\${2:yourorganization}/\${3:yourproject}/_apis/wit/workitems/\\$\${4:Bug}?api-version=${DEFAULT_API_VERSION}`,
          headers: {
            'Content-Type': JSON_PATCH_CONTENT_TYPE,
            Authorization: '^"Basic \\${secret:AZURE_DEVOPS_BASIC_AUTH}"',
          },
          body: [
            { op: 'add', path: '/fields/System.Title', value: '((Title))' },
            { op: 'add', path: '/fields/System.Description', value: '<p>((Description))</p>' },
          ],
        },
        returnValues: { id: `\${5:${WORK_ITEM_ID_TAG}}` },
      },
    },
  },
  {
    kind: 'azure-devops-update',
    label: 'Update Azure DevOps work item',
    description: 'Add a comment to the Azure DevOps work item created for the feedback, and keep its title current',
    comment: [
      'Updates the Azure DevOps work item whose id the create macro saved as Work Item ID.',
      "The comment goes to the work item's Discussion (System.History).",
      AUTH_COMMENT,
    ],
    statesTarget: true,
    request: {
      method: 'PATCH',
      url: `${BASE}/((${WORK_ITEM_ID_TAG}))?api-version=${DEFAULT_API_VERSION}`,
      headers: HEADERS,
      bodyFormat: 'json',
      body: [
        { op: 'replace', path: '/fields/System.Title', value: '((Title))' },
        {
          op: 'add',
          path: '/fields/System.History',
          value: 'Centercode feedback #((Feedback ID)) is now ((Status)) (((Workflow State))).',
        },
      ],
    },
    snippet: {
      description: 'A feedback macro that updates the Azure DevOps work item whose id a create macro saved',
      body: {
        version: 1,
        name: '${1:Update Azure DevOps work item}',
        scope: 'feedback',
        feedbackTypes: ['Issue'],
        triggers: ['${2|modify,manual|}'],
        target: 'azure-devops',
        request: {
          method: 'PATCH',
          url: `https://dev.azure.com/\${3:yourorganization}/\${4:yourproject}/_apis/wit/workitems/((\${5:${WORK_ITEM_ID_TAG}}))?api-version=${DEFAULT_API_VERSION}`,
          headers: {
            'Content-Type': JSON_PATCH_CONTENT_TYPE,
            Authorization: '^"Basic \\${secret:AZURE_DEVOPS_BASIC_AUTH}"',
          },
          body: [{ op: 'add', path: '/fields/System.History', value: 'Feedback #((Feedback ID)) is now ((Status)).' }],
        },
      },
    },
  },
];
