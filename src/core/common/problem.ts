import { visible, visibleLine } from './controlChars';
import type { LineIndex, OffsetRange } from './text';

export type Severity = 'error' | 'warning' | 'info';

/**
 * One thing wrong (or worth a look) in a macro file. `message` is written for a
 * non-programmer; `code` is stable so CI output can be grepped and quick fixes can find it.
 */
export interface Problem {
  code: string;
  severity: Severity;
  message: string;
  range: OffsetRange;
  /** Shown faded (VS Code DiagnosticTag.Unnecessary), e.g. unknown tags. */
  unnecessary?: boolean;
  /** Extra facts for quick fixes, e.g. `{ suggestion: 'Title' }`. Plain JSON only. */
  data?: Record<string, unknown>;
}

export function problem(
  code: string,
  severity: Severity,
  message: string,
  range: OffsetRange,
  data?: Record<string, unknown>,
): Problem {
  return data ? { code, severity, message, range, data } : { code, severity, message, range };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some(p => p.severity === 'error');
}

export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort(
    (a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.code.localeCompare(b.code),
  );
}

/** Where a problem is, 1-based as editors and terminals show it. */
export interface ProblemPosition {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function problemPosition(p: Problem, lines: LineIndex): ProblemPosition {
  const start = lines.positionAt(p.range.start);
  const end = lines.positionAt(p.range.end);
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/** A message on one line (terminal and notification text). */
export function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}

/**
 * The one way ccmacro names a problem in text, in the CLI and in the editor's messages alike:
 * `file:line:col: severity: message [code]` (without `:line:col` when the file has no text, e.g. a built-in sample).
 * Messages quote macro names, file names and sample values, so control characters are shown visibly (`\x1b`), and a
 * line break in the file name shows as `\n`: one problem is one line.
 */
export function formatProblem(file: string, p: Problem, lines?: LineIndex): string {
  return formatProblemAt(file, lines ? problemPosition(p, lines) : undefined, p);
}

/** formatProblem for a problem whose position is already worked out. */
export function formatProblemAt(
  file: string,
  at: { line: number; column: number } | undefined,
  p: Pick<Problem, 'severity' | 'message' | 'code'>,
): string {
  return `${visibleLine(file)}${at ? `:${at.line}:${at.column}` : ''}: ${p.severity}: ${visible(oneLine(p.message))} [${p.code}]`;
}
