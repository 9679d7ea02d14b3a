/**
 * What the GitHub Actions runner makes of a step's output: the workflow commands it would run, found by the runner's
 * own rules (actions/runner, src/Runner.Worker/Handlers/OutputManager.cs, ActionCommandManager.cs and
 * src/Runner.Common/ActionCommand.cs, read at commit 258d6c857db3519913f7deb6004b60172f8043ae):
 *
 * - Output is read line by line with .NET's `StreamReader.ReadLine`: a line ends at LF, CR, or CR LF.
 * - A line that contains `##[` or `::` is tried as a command, first in the current form (`TryParseV2`): the line with
 *   its leading white space trimmed (.NET `TrimStart`, `char.IsWhiteSpace`) starts with `::`, a second `::` ends the
 *   command info, whose name runs to the first space; properties are `name=value` split at `,`, unescaped
 *   `%0D %0A %3A %2C %25`; the data after the second `::` is unescaped `%0D %0A %25`. Then in the legacy form
 *   (`TryParse`): `##[` anywhere in the line, the command info runs to the next `]`, properties split at `;`.
 * - A command counts only when its name is registered (case-insensitively). `::stop-commands::TOKEN` stops all
 *   processing until a line whose command is `TOKEN` (`::TOKEN::`), which resumes it.
 *
 * With `anyName` every syntactically valid command counts, whatever its name: a test that uses it holds against
 * commands the runner may add later, not just today's list.
 */

export interface RunnerCommand {
  /** As written (the runner compares names case-insensitively). */
  name: string;
  properties: Record<string, string>;
  data: string;
  /** 0-based index of the output line. */
  line: number;
  form: 'v2' | 'legacy';
}

export interface RunnerResult {
  /** Every command the runner would run, in order, including `stop-commands` and the resuming token. */
  commands: RunnerCommand[];
  /** Commands parsed while processing was stopped (the runner ignores them). */
  ignored: RunnerCommand[];
  /** Processing is still stopped at the end of the output. */
  stopped: boolean;
}

/** The commands the runner registers (ActionCommandManager.cs: each IActionCommandExtension, plus stop-commands). */
export const REGISTERED_COMMANDS: readonly string[] = [
  'stop-commands',
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo',
];

/** .NET `char.IsWhiteSpace`: U+0009–U+000D, U+0020, U+0085, U+00A0 and the Unicode space and line separators. */
const DOTNET_LEADING_SPACE = /^[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

export function runnerLines(output: string): string[] {
  const lines = output.split(/\r\n|\r|\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function parseRunnerOutput(output: string, options: { anyName?: boolean } = {}): RunnerResult {
  const registered = new Set(REGISTERED_COMMANDS.map(n => n.toLowerCase()));
  const result: RunnerResult = { commands: [], ignored: [], stopped: false };
  let stopToken: string | undefined;
  // While stopped, the token is registered too (that is how `::TOKEN::` is recognised).
  const known = (name: string) =>
    (options.anyName ? name.length > 0 : registered.has(name.toLowerCase())) ||
    (stopToken !== undefined && name.toLowerCase() === stopToken.toLowerCase());
  runnerLines(output).forEach((line, index) => {
    if (!line.includes('##[') && !line.includes('::')) return;
    const command = tryParseV2(line, index, known) ?? tryParseLegacy(line, index, known);
    if (!command) return;
    if (result.stopped) {
      if (stopToken && command.name.toLowerCase() === stopToken.toLowerCase()) {
        result.commands.push(command);
        result.stopped = false;
        stopToken = undefined;
      } else result.ignored.push(command);
      return;
    }
    result.commands.push(command);
    if (command.name.toLowerCase() === 'stop-commands') {
      result.stopped = true;
      stopToken = command.data;
    }
  });
  return result;
}

function tryParseV2(message: string, line: number, known: (name: string) => boolean): RunnerCommand | undefined {
  const m = message.replace(DOTNET_LEADING_SPACE, '');
  if (!m.startsWith('::')) return undefined;
  const end = m.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = m.slice(2, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!known(name)) return undefined;
  const properties = space > 0 ? parseProperties(info.slice(space + 1).trim(), ',', PROPERTY_ESCAPES) : {};
  return { name, properties, data: unescape(m.slice(end + 2), DATA_ESCAPES), line, form: 'v2' };
}

function tryParseLegacy(message: string, line: number, known: (name: string) => boolean): RunnerCommand | undefined {
  const start = message.indexOf('##[');
  if (start < 0) return undefined;
  const rb = message.indexOf(']', start);
  if (rb < 0) return undefined;
  const info = message.slice(start + 3, rb);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!known(name)) return undefined;
  const properties = space > 0 ? parseProperties(info.slice(space + 1), ';', LEGACY_ESCAPES) : {};
  return { name, properties, data: unescape(message.slice(rb + 1), LEGACY_ESCAPES), line, form: 'legacy' };
}

/** `k=v` pairs split at `sep` (empty ones dropped), each split at its first `=`; a pair without both sides is skipped. */
function parseProperties(text: string, sep: string, escapes: Array<[string, string]>): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const p of text.split(sep).filter(Boolean)) {
    const eq = p.indexOf('=');
    if (eq > 0 && eq < p.length - 1) properties[p.slice(0, eq)] = unescape(p.slice(eq + 1), escapes);
  }
  return properties;
}

// The runner's mappings, in the order it applies them when unescaping (ActionCommand.cs).
const DATA_ESCAPES: Array<[string, string]> = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%25', '%'],
];
const PROPERTY_ESCAPES: Array<[string, string]> = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%3A', ':'],
  ['%2C', ','],
  ['%25', '%'],
];
const LEGACY_ESCAPES: Array<[string, string]> = [
  ['%3B', ';'],
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%5D', ']'],
  ['%25', '%'],
];

function unescape(s: string, mappings: Array<[string, string]>): string {
  let out = s;
  for (const [from, to] of mappings) out = out.split(from).join(to);
  return out;
}
