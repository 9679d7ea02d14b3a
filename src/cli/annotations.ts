import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { visible, visibleJson } from '../core/common/controlChars';
import type { Severity } from '../core/common/problem';
import { inertCommandData, inertJson } from './ciSafe';
import { Git } from './git';
import { displayName } from './macroFiles';

/** A problem where CI systems can show it: a file, a 1-based range, a code and a one-line message. */
interface LocatedProblem {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

/**
 * How CI reports name a file: relative to the repository's top folder, forward slashes, which is where GitHub and
 * GitLab look for it whatever folder the job ran in (`cd macros && ccmacro validate --format gitlab` still says
 * `macros/a.ccmacro.json`). Outside a repository, or for a file outside it, as the other outputs show it (relative to
 * the current folder). `file` is absolute or relative to `cwd`.
 */
export async function ciPaths(cwd: string, env: NodeJS.ProcessEnv): Promise<(file: string) => string> {
  const root = await Git.root(cwd, env);
  // Real paths on both sides: the current folder may be reached through a link (git's answer never is).
  const realCwd = await fsp.realpath(cwd).catch(() => cwd);
  return file => {
    const abs = path.resolve(realCwd, path.relative(cwd, path.resolve(cwd, file)));
    const rel = root === undefined ? undefined : path.relative(root, abs);
    const outside = rel === undefined || rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`);
    return outside || path.isAbsolute(rel) ? displayName(abs, realCwd) : rel.split(path.sep).join('/');
  };
}

/**
 * A GitHub Actions workflow command (`::error file=…,line=…::message`): the run's summary lists it and the pull
 * request's "Files changed" tab shows it on the line. Data and properties are escaped as the runner expects.
 */
export function githubAnnotation(p: LocatedProblem): string {
  const level = p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'notice';
  const props = [
    `file=${escapeProperty(p.path)}`,
    `line=${p.line}`,
    `col=${p.column}`,
    `endLine=${p.endLine}`,
    `endColumn=${p.endColumn}`,
    `title=${escapeProperty(`ccmacro ${p.code}`)}`,
  ];
  // The data is the problem's own text, with the backslashes of `inertText`: `::stop-commands` never shows.
  return `::${level} ${props.join(',')}::${escapeData(inertCommandData(p.message))}`;
}

/** The runner's escapes for `%`, CR and LF; any other control character is shown visibly (the log is for people). */
function escapeData(s: string): string {
  return visible(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitLab's Code Quality report (the Code Climate JSON format): saved as a `codequality` report artifact, GitLab
 * shows each entry in the merge request and on the changed line. The fingerprint is stable across runs so GitLab
 * can tell new problems from old ones.
 */
export function gitlabCodeQuality(problems: readonly LocatedProblem[]): string {
  const entries = problems.map(p => ({
    description: `${p.message} [${p.code}]`,
    check_name: p.code,
    fingerprint: createHash('sha256').update(`${p.path}\0${p.code}\0${p.line}\0${p.message}`).digest('hex'),
    severity: p.severity === 'error' ? 'major' : p.severity === 'warning' ? 'minor' : 'info',
    location: { path: p.path, lines: { begin: p.line, end: p.endLine } },
  }));
  return inertJson(visibleJson(JSON.stringify(entries, null, 2))) + '\n';
}
