import type { Node } from 'jsonc-parser';
import { parseMacro } from '../macro/parse';
import { problem, type Problem } from '../common/problem';
import { nodeRange } from '../common/jsonPath';
import type { OffsetRange } from '../common/text';

/**
 * One environments file (`.ccmacro/environments.json` or its private overlay `.ccmacro/environments.local.json`):
 * JSONC, an object of environments, each an object of `NAME: "value"` pairs; `$shared` holds the values every
 * environment has, `"$confirm": true` in an environment asks before each session's first send to it.
 *
 *   { "$shared": { "JIRA_PROJECT": "CV" },
 *     "staging": { "JIRA_BASE": "https://acme-sandbox.atlassian.net" },
 *     "production": { "JIRA_BASE": "https://acme.atlassian.net", "$confirm": true } }
 *
 * Parsing never throws: everything wrong is a located Problem in this file, and what is right is still used.
 */

export { ENVIRONMENTS_FILE, ENVIRONMENTS_LOCAL_FILE } from './names';
import { CONFIRM_KEY, SHARED_SECTION } from './names';

/** A `${var:NAME}` name: the placeholder's NAME (tags/scanner.ts). */
const VAR_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * An environment's name: ASCII letters, digits, spaces, `_`, `-` and `.`, starting with a letter or digit and not ending in
 * a space (`staging`, `eu-production`, `Acme Production` as Postman names it). It is shown in the status bar, typed
 * after `--env` and, upper-cased with every other character as `_`, part of CCMACRO_SECRET_<ENV>_<NAME>.
 */
const ENVIRONMENT_NAME_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9 _.-]*[A-Za-z0-9_.-])?$/;

export interface EnvironmentValue {
  value: string;
  /** The value's string node (with its quotes) in the file. */
  range: OffsetRange;
}

export interface EnvironmentSection {
  name: string;
  /** The section's key in the file. */
  nameRange: OffsetRange;
  values: Map<string, EnvironmentValue>;
  /** `"$confirm": true`. */
  confirm: boolean;
}

export interface ParsedEnvironmentFile {
  /** The environments in file order (not `$shared`). */
  environments: EnvironmentSection[];
  shared?: EnvironmentSection;
  problems: Problem[];
}

export function parseEnvironmentFile(text: string): ParsedEnvironmentFile {
  // The one JSONC reader of ccmacro: syntax errors, nesting too deep and keys written twice, located.
  const parsed = parseMacro(text);
  const problems: Problem[] = [];
  for (const p of [...parsed.syntaxProblems, ...parsed.structureProblems]) {
    if (p.code === 'syntax/empty') continue; // an empty file: no environments, said below
    problems.push(
      p.code === 'json/duplicate-key'
        ? {
            ...p,
            code: 'environments/duplicate-key',
            message: p.message.replace('render or send this file', 'use either value'),
          }
        : p,
    );
  }
  const out: ParsedEnvironmentFile = { environments: [], problems };
  const root = parsed.root;
  if (!root) {
    if (problems.length === 0)
      problems.push(
        problem(
          'environments/not-object',
          'error',
          'This environments file is empty: write an object of environments, e.g. { "staging": { "BASE_URL": "https://…" } }',
          { start: 0, end: 0 },
        ),
      );
    return out;
  }
  if (root.type !== 'object') {
    problems.push(
      problem(
        'environments/not-object',
        'error',
        'An environments file is an object of environments, e.g. { "staging": { "BASE_URL": "https://…" } }',
        nodeRange(root),
      ),
    );
    return out;
  }
  const seen = new Set<string>();
  for (const prop of root.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v) continue;
    const name = String(k.value);
    // The second of two keys is reported (duplicate-key) and not used.
    if (seen.has(name)) continue;
    seen.add(name);
    const nameRange = nodeRange(k);
    if (name.startsWith('$') && name !== SHARED_SECTION) {
      problems.push(
        problem(
          'environments/unknown-key',
          'error',
          `"${name}" is not a key ccmacro knows: names starting with $ are reserved (${SHARED_SECTION} holds the values every environment shares)`,
          nameRange,
        ),
      );
      continue;
    }
    if (name !== SHARED_SECTION && !ENVIRONMENT_NAME_PATTERN.test(name)) {
      problems.push(
        problem(
          'environments/bad-name',
          'error',
          `${JSON.stringify(name)} cannot name an environment: use letters, digits, spaces, _, - and ., starting with a letter or digit (e.g. staging, eu-production)`,
          nameRange,
        ),
      );
      continue;
    }
    if (v.type !== 'object') {
      problems.push(
        problem(
          'environments/not-object',
          'error',
          `"${name}" must be an object of values, e.g. { "BASE_URL": "https://…" }`,
          nodeRange(v),
        ),
      );
      continue;
    }
    const section = readSection(name, nameRange, v, problems);
    if (name === SHARED_SECTION) out.shared = section;
    else out.environments.push(section);
  }
  return out;
}

function readSection(name: string, nameRange: OffsetRange, node: Node, problems: Problem[]): EnvironmentSection {
  const section: EnvironmentSection = { name, nameRange, values: new Map(), confirm: false };
  const shared = name === SHARED_SECTION;
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v) continue;
    const key = String(k.value);
    if (section.values.has(key) || (key === CONFIRM_KEY && section.confirm)) continue; // duplicate-key said it
    if (key === CONFIRM_KEY && !shared) {
      if (v.type === 'boolean') section.confirm = v.value === true;
      else
        problems.push(
          problem(
            'environments/not-boolean',
            'error',
            `${CONFIRM_KEY} is true or false: true asks before the first send to "${name}" in each session`,
            nodeRange(v),
          ),
        );
      continue;
    }
    if (key.startsWith('$')) {
      problems.push(
        problem(
          'environments/unknown-key',
          'error',
          shared
            ? `"${key}" is not a key ccmacro knows in ${SHARED_SECTION} (names starting with $ are reserved; ${CONFIRM_KEY} belongs in an environment)`
            : `"${key}" is not a key ccmacro knows: names starting with $ are reserved (${CONFIRM_KEY}: true asks before sending to this environment)`,
          nodeRange(k),
        ),
      );
      continue;
    }
    if (!VAR_NAME_PATTERN.test(key)) {
      problems.push(
        problem(
          'environments/bad-name',
          'error',
          `${JSON.stringify(key)} cannot be used as \${var:NAME}: a name holds letters, digits and _ and does not start with a digit`,
          nodeRange(k),
        ),
      );
      continue;
    }
    if (v.type !== 'string') {
      problems.push(
        problem(
          'environments/not-string',
          'error',
          `The value of "${key}" must be text in quotes (it is written into the request as it is), e.g. "${key}": "${v.type === 'number' || v.type === 'boolean' ? String(v.value) : '…'}"`,
          nodeRange(v),
        ),
      );
      continue;
    }
    section.values.set(key, { value: String(v.value), range: nodeRange(v) });
  }
  return section;
}
