import type { OffsetRange } from './text';

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
