import { applyEdits, findNodeAtLocation, modify, parseTree, type ParseError } from 'jsonc-parser';
import { problem, type Problem } from '../common/problem';
import { fail, ok, type Result } from '../common/result';
import { ENVIRONMENTS_FILE, SHARED_SECTION } from './names';

/** Values to put in an environments file: per section (an environment, or `$shared`), NAME → value. */
type EnvironmentSections = Array<[section: string, values: Array<{ name: string; value: string }>]>;

/**
 * The one writer of `.ccmacro/environments.json` (the importers use it): a new file written in one go, or the
 * existing one (kept as written, comments and all) with each value added in place. A value the file already holds
 * differently is a conflict (`environments/conflict`, naming each) unless `force`. Undefined: nothing changes.
 * Never given a secret: callers pass only plain values.
 */
export function writeEnvironmentValues(
  existing: string | undefined,
  sections: EnvironmentSections,
  force: boolean,
): Result<{ text: string } | undefined, Problem> {
  if (sections.length === 0) return ok(undefined);
  if (existing === undefined) {
    const out: Record<string, Record<string, string>> = {};
    for (const [section, values] of sections) {
      out[section] ??= {};
      for (const { name, value } of values) out[section][name] = value;
    }
    const text = `// Values for \${var:NAME} in macros, per environment (${SHARED_SECTION}: all). Secrets never go here.\n${JSON.stringify(out, null, 2)}\n`;
    return ok({ text });
  }
  let text = existing;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  if (!root || errors.length || root.type !== 'object')
    return fail(
      problem(
        'import/environments-file',
        'error',
        `${ENVIRONMENTS_FILE} is not a JSON object, so the environment cannot be added to it: fix it first`,
        errors[0] ? { start: errors[0].offset, end: errors[0].offset + 1 } : { start: 0, end: 0 },
      ),
    );
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };
  const conflicts: string[] = [];
  for (const [section, values] of sections) {
    for (const { name, value } of values) {
      const node = findNodeAtLocation(root, [section, name]);
      if (node && node.value === value) continue;
      if (node && !force) {
        conflicts.push(`${section}.${name}`);
        continue;
      }
      text = applyEdits(text, modify(text, [section, name], value, { formattingOptions }));
    }
    if (values.length === 0 && !findNodeAtLocation(root, [section]))
      text = applyEdits(text, modify(text, [section], {}, { formattingOptions }));
  }
  if (conflicts.length)
    return fail(
      problem(
        'import/environments-conflict',
        'error',
        `${ENVIRONMENTS_FILE} already gives ${conflicts.join(', ')} another value: add --force to write the imported values over them`,
        { start: 0, end: 0 },
      ),
    );
  if (text === existing) return ok(undefined);
  return ok({ text: text.endsWith('\n') ? text : text + '\n' });
}
