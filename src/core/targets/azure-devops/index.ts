import { nodeAtPath } from '../../common/jsonPath';
import { firstTagOpening } from '../../common/urlHost';
import type { RecognitionInput, Target } from '../types';
import { explainAzureDevOpsAnswer } from './answers';
import { AZURE_DEVOPS_FIELDS } from './fields';
import { AZURE_DEVOPS_LIMITS } from './limits';
import { checkWorkItemRequest } from './patch';
import { AZURE_DEVOPS_RECEIVER } from './receiver';
import { AZURE_DEVOPS_TEMPLATES } from './templates';
import { workItemAddress } from './url';
import { workItemView } from './view';

/** Azure DevOps (Services and Server, the old TFS) work items: create and update (docs/azure-devops.md). */
export const azureDevOps = {
  id: 'azure-devops',
  name: 'Azure DevOps',
  summary: {
    text: 'Azure DevOps work items (Services and Server/TFS): the JSON Patch document, its Content-Type and api-version are checked, values are HTML-escaped in HTML fields such as System.Description, the title is one line of at most 255 characters, and the preview draws the work item.',
    markdown:
      '**Azure DevOps** work items (Services and Server/TFS): the JSON Patch document, its Content-Type and `api-version` are checked, values are HTML-escaped in HTML fields such as `System.Description`, the title is one line of at most 255 characters, and the preview draws the work item.',
  },
  recognition: {
    exampleUrls: [
      'https://dev.azure.com/fabrikam/Fabrikam-Fiber/_apis/wit/workitems/$Bug?api-version=7.1',
      'https://fabrikam.visualstudio.com/Fabrikam-Fiber/_apis/wit/workitems/42?api-version=7.1',
      'https://tfs.fabrikam.test:8080/tfs/DefaultCollection/Fabrikam-Fiber/_apis/wit/workitems/$Task?api-version=6.0',
    ],
    matches: isAzureDevOpsMacro,
  },
  fields: AZURE_DEVOPS_FIELDS,
  request: { takers: 'Azure DevOps work item requests', methods: ['POST', 'PATCH'], bodyFormats: ['json'] },
  limits: AZURE_DEVOPS_LIMITS,
  checkPayload: request => Promise.resolve(checkWorkItemRequest(request)),
  preview: { tab: 'Azure DevOps work item', view: workItemView },
  receiver: AZURE_DEVOPS_RECEIVER,
  explainAnswer: explainAzureDevOpsAnswer,
  templates: AZURE_DEVOPS_TEMPLATES,
} satisfies Target<'azure-devops'>;

/**
 * A literal address of the work item API (`…/_apis/wit/workitems…`) on Azure DevOps Services or on any host (Server/TFS).
 * Another Azure DevOps API (projects, builds) is not a work item create or update: such a macro stays generic.
 */
function isAzureDevOpsMacro({ host, parsed }: RecognitionInput): boolean {
  const url = nodeAtPath(parsed.root, ['request', 'url'])?.value;
  if (host === undefined || typeof url !== 'string') return false;
  const tag = firstTagOpening(url);
  return workItemAddress(tag < 0 ? url : url.slice(0, tag) + 'x').isWorkItemApi;
}
