import { ENVIRONMENTS_LOCAL_FILE } from './names';

/** The text "ccmacro: New Environment File" writes to `.ccmacro/environments.json`. */
export const NEW_ENVIRONMENTS_TEXT = `// Values for \${var:NAME} in macros, per environment; "$shared" holds the values every environment has.
// "$confirm": true asks before the first send to that environment in each session. Never put a secret here:
// use \${secret:NAME}. Your own values go in ${ENVIRONMENTS_LOCAL_FILE} (same shape, ignored by git).
{
  "$shared": {
    "JIRA_PROJECT": "CV"
  },
  "staging": {
    "JIRA_BASE": "https://yourcompany-sandbox.atlassian.net"
  },
  "production": {
    "JIRA_BASE": "https://yourcompany.atlassian.net",
    "$confirm": true
  }
}
`;

/**
 * What to add at the end of a `.gitignore` (its text, or undefined when there is none) so git ignores the private
 * environments file; undefined when a line already names it. `/` anchors it to the folder the .gitignore is in.
 */
export function gitignoreAddition(existing: string | undefined): string | undefined {
  const line = `/${ENVIRONMENTS_LOCAL_FILE}`;
  if (existing !== undefined) {
    const lines = existing.split(/\r?\n/).map(l => l.trim());
    if (lines.some(l => l === line || l === ENVIRONMENTS_LOCAL_FILE || l === `**/${ENVIRONMENTS_LOCAL_FILE}`))
      return undefined;
  }
  const eol = existing?.includes('\r\n') ? '\r\n' : '\n';
  const sep = existing === undefined || existing === '' || existing.endsWith('\n') ? '' : eol;
  return `${sep}# ccmacro: private environment values (docs/environments.md)${eol}${line}${eol}`;
}
