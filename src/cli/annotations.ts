import { createHash } from 'node:crypto';
import { visible, visibleJson } from '../core/common/controlChars';
import type { Severity } from '../core/common/problem';
import { inertCommandData, inertJson } from './ciSafe';

/** A problem where CI systems can show it: a file, a 1-based range, a code and a one-line message. */
export interface LocatedProblem {
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
