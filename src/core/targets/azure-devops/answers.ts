import { isObject } from '../../common/objects';
import type { ServiceAnswer } from '../types';
import { isAzureDevOpsHost, workItemAddress } from './url';

/**
 * Azure DevOps' answers in plain words (docs/azure-devops.md): 203 with a sign-in page and 401 mean the personal
 * access token is missing or wrong, 415 the Content-Type, 400 TF401320 a required field, TF401324 a long value,
 * TF51535 an unknown field name. Undefined for an answer that is not from Azure DevOps' work item API.
 */
export function explainAzureDevOpsAnswer(answer: ServiceAnswer): string | undefined {
  if (!isAzureDevOpsAddress(answer.url)) return undefined;
  if (answer.status === 203 || (answer.status === 200 && /^\s*</.test(answer.bodyText)))
    return 'Azure DevOps answered with a sign-in page, not the work item: the personal access token is missing or wrong. Send "Authorization: Basic base64(:TOKEN)" (any user name, the token as the password)';
  if (answer.status === 401)
    return 'Azure DevOps did not accept the credentials (401): check the personal access token and that it has not expired';
  if (answer.status === 403)
    return 'Azure DevOps refused the request (403): the personal access token needs the "Work Items (Read & write)" scope (vso.work_write)';
  if (answer.status === 415)
    return 'Azure DevOps takes work item changes only as "Content-Type: application/json-patch+json" (415)';
  const message = errorMessage(answer.bodyText);
  if (answer.status < 400 || message === undefined) return undefined;
  if (/^TF401320\b/.test(message))
    return `A field the work item type requires is missing or has a value it does not allow: ${message}`;
  if (/^TF401324\b/.test(message))
    return `A value is longer than the field takes (a title: 255 characters): ${message}`;
  if (/^TF51535\b/.test(message)) return `The patch names a field the project does not have: ${message}`;
  return `Azure DevOps answered ${answer.status}: ${message}`;
}

function isAzureDevOpsAddress(url: string): boolean {
  try {
    const u = new URL(url);
    return isAzureDevOpsHost(u.hostname.toLowerCase()) || workItemAddress(u.pathname).isWorkItemApi;
  } catch {
    return false;
  }
}

/** The `message` of Azure DevOps' error shape, when the body is one. */
function errorMessage(bodyText: string): string | undefined {
  try {
    const v: unknown = JSON.parse(bodyText);
    return isObject(v) && typeof v.message === 'string' ? v.message : undefined;
  } catch {
    return undefined;
  }
}
