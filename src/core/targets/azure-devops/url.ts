/**
 * Azure DevOps work item addresses (docs/azure-devops.md): what a macro's URL says about the request. Services:
 * `https://dev.azure.com/{organization}/{project}/_apis/wit/workitems/$Type?api-version=7.1` (create, POST) and
 * `…/workitems/{id}` (update, PATCH); the older host `https://{organization}.visualstudio.com/{project}/_apis/…`;
 * Azure DevOps Server / TFS: `https://{server}[:port]/tfs/{collection}/{project}/_apis/…` (the `/tfs` part is
 * whatever the administrator configured, so any path with `/_apis/wit/workitems` counts).
 */

/** Hosts that are Azure DevOps Services. */
export function isAzureDevOpsHost(host: string | undefined): boolean {
  return !!host && (host === 'dev.azure.com' || host.endsWith('.visualstudio.com'));
}

/** The work item path of the REST API (case-insensitive: Microsoft's own examples write `workItems`). */
const WORK_ITEMS = /\/_apis\/wit\/workitems(?:\/([^/?#]*))?\/?(?=[?#]|$)/i;

export interface WorkItemAddress {
  /** `create`: `…/workitems/$Type`; `update`: `…/workitems/{id}`; `other`: another address. */
  operation: 'create' | 'update' | 'other';
  /** The work item type of a create (`$User%20Story` → "User Story"). */
  type?: string;
  /** The work item id of an update, as written (a number, or a value filled in from a tag). */
  id?: string;
  /** The `api-version` query value, when given. */
  apiVersion?: string;
  /** Whether the path is Azure DevOps' work item API at all (`/_apis/wit/workitems`). */
  isWorkItemApi: boolean;
}

/**
 * What a URL (absolute, or a path with its query as the local receiver sees it) says. Never throws. A literal
 * `$Type` is the create form; an id is whatever stands after `workitems/` when it is not `$…` (an update macro
 * fills it in from a return value, e.g. `((Work Item ID))`, which the render has already replaced).
 */
export function workItemAddress(url: string): WorkItemAddress {
  const q = url.indexOf('?');
  const pathPart = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1).split('#')[0];
  const apiVersion = queryValue(query, 'api-version');
  const m = WORK_ITEMS.exec(pathPart);
  const out: WorkItemAddress = { operation: 'other', isWorkItemApi: !!m };
  if (apiVersion !== undefined) out.apiVersion = apiVersion;
  const segment = m?.[1];
  if (segment === undefined || segment === '') return out;
  const decoded = safeDecode(segment);
  if (decoded.startsWith('$')) {
    out.operation = 'create';
    out.type = decoded.slice(1);
  } else {
    out.operation = 'update';
    out.id = decoded;
  }
  return out;
}

function queryValue(query: string, name: string): string | undefined {
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const key = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    if (key.toLowerCase() === name) return safeDecode(eq < 0 ? '' : pair.slice(eq + 1).replace(/\+/g, ' '));
  }
  return undefined;
}

/** decodeURIComponent, or the text as it is when it is not valid percent-encoding. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `7.1`, `7.1-preview`, `7.1-preview.3` (Microsoft, "REST API versioning": `{major}.{minor}[-{stage}[.{resource-version}]]`). */
export const API_VERSION_FORMAT = /^\d+\.\d+(?:-preview(?:\.\d+)?)?$/;

/** The version new macros use: the newest one Azure DevOps Services documents (docs/azure-devops.md). */
export const DEFAULT_API_VERSION = '7.1';
