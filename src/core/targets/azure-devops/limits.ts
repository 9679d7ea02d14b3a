/** What Azure DevOps takes (sources: docs/azure-devops.md). */
export const AZURE_DEVOPS_LIMITS = {
  /** A String field such as Title: "up to 255 Unicode characters" (counted as UTF-16 code units here). */
  title: 255,
  /** What the local test receiver reads of a body at most, its 413 (Azure DevOps' own limit is not documented). */
  bodyBytes: 1024 * 1024,
} as const;

/** The Content-Type Azure DevOps takes for a work item create or update ("consumes" in Microsoft's REST spec). */
export const JSON_PATCH_CONTENT_TYPE = 'application/json-patch+json';
