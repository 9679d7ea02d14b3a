/**
 * How `ccmacro test` reports: `human` (the default; coloured on a terminal), `junit` (one <testcase> per macro ×
 * sample item, for CI test tabs) and `github` (workflow-command annotations at the macro's file and line, plus
 * the human report for the log).
 */
import { visible, visibleLine } from '../core/common/controlChars';
import { githubAnnotation } from './annotations';
import { inertText, inertXml } from './ciSafe';

export type Outcome = 'passed' | 'failed' | 'written' | 'updated' | 'removed' | 'skipped';

/** What went wrong, for the JUnit failure type and the annotation title. */
export type FailureKind = 'mismatch' | 'missing' | 'render' | 'obsolete' | 'refused';

export interface Location {
  /** As shown: relative to the working folder, forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  column: number;
}

export interface CaseReport {
  /** `samples/blockers.sample.json [0] App crashes on export`, or what the case is about. */
  name: string;
  outcome: Outcome;
  kind?: FailureKind;
  /** The problem code for the annotation title, when the kind has several (`snapshot/link`, …). */
  code?: string;
  /** One sentence. */
  message?: string;
  /** The diff, or the located problem lines. */
  detail?: string;
  /** How many warnings `detail` lists (a passed or written item's render and target-check warnings). */
  warnings?: number;
  /** Where an annotation points. */
  location?: Location;
}

export interface MacroReport {
  /** The macro file (or, for a snapshot left without its macro, the snapshot file), as shown. */
  file: string;
  /** The macro's name. */
  name: string;
  cases: CaseReport[];
}

export interface TestRunReport {
  macros: MacroReport[];
  /** Under --ci (or CI): snapshots are never written. */
  ci: boolean;
  update: boolean;
}

function countOutcomes(report: TestRunReport): Record<Outcome, number> & { total: number } {
  const c = { passed: 0, failed: 0, written: 0, updated: 0, removed: 0, skipped: 0, total: 0 };
  for (const m of report.macros)
    for (const k of m.cases) {
      c[k.outcome]++;
      c.total++;
    }
  return c;
}

const ANSI = {
  red: '\x1b[31m',
  green: '\x1b[32m',
  yellow: '\x1b[33m',
  cyan: '\x1b[36m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
};

function paint(color: boolean) {
  return (style: keyof typeof ANSI, s: string) => (color ? `${ANSI[style]}${s}\x1b[0m` : s);
}

/** A unified diff with its lines coloured (removed red, added green, hunk headers cyan). */
export function colorDiff(diff: string, color: boolean): string {
  if (!color) return diff;
  const p = paint(true);
  return diff
    .split('\n')
    .map(l =>
      l.startsWith('---') || l.startsWith('+++')
        ? p('bold', l)
        : l.startsWith('@@')
          ? p('cyan', l)
          : l.startsWith('-')
            ? p('red', l)
            : l.startsWith('+')
              ? p('green', l)
              : l,
    )
    .join('\n');
}

const MARK: Record<Outcome, string> = {
  passed: '✓',
  failed: '✗',
  written: '+',
  updated: '↻',
  removed: '−',
  skipped: '!',
};

export function humanReport(report: TestRunReport, color: boolean): string {
  const p = paint(color);
  const out: string[] = [];
  for (const m of report.macros) {
    const head = `${visibleLine(m.file)}  ${p('dim', visibleLine(m.name))}`;
    const written = m.cases.filter(c => c.outcome === 'written').length;
    const count = `${plural(m.cases.length, 'item')}${written ? `, ${written} written to its new snapshot` : ''}`;
    // Passed and newly written items take no line of their own, unless they carry warnings (Slack's rules, …).
    const shown = m.cases.filter(c => (c.outcome !== 'passed' && c.outcome !== 'written') || c.detail);
    if (shown.length === 0) {
      out.push(`${written ? p('yellow', MARK.written) : p('green', MARK.passed)} ${head} (${count})`);
      continue;
    }
    const failed = m.cases.some(c => c.outcome === 'failed');
    out.push(`${failed ? p('red', MARK.failed) : p('yellow', '•')} ${head} (${count})`);
    for (const c of shown) {
      const mark =
        c.outcome === 'failed'
          ? p('red', MARK.failed)
          : c.outcome === 'passed'
            ? p('green', MARK.passed)
            : p('yellow', MARK[c.outcome]);
      out.push(`  ${mark} ${visibleLine(c.name)}${c.message ? ` — ${visibleLine(c.message)}` : ''}`);
      if (c.detail) out.push(colorDiff(visible(c.detail.replace(/\n$/, '')), color));
    }
  }
  const n = countOutcomes(report);
  const parts = [`${n.passed} passed`, `${n.failed} failed`];
  if (n.written) parts.push(`${n.written} written`);
  if (n.updated) parts.push(`${n.updated} updated`);
  if (n.removed) parts.push(`${n.removed} removed`);
  if (n.skipped) parts.push(`${n.skipped} obsolete`);
  const macros = report.macros.filter(m => m.cases.some(c => c.kind !== 'obsolete' || c.outcome !== 'skipped')).length;
  if (out.length) out.push('');
  out.push(
    report.macros.length === 0
      ? 'No *.ccmacro.json files found.'
      : `Snapshots: ${parts.join(', ')} (${plural(macros, 'macro')})`,
  );
  const mismatches = report.macros.some(m => m.cases.some(c => c.outcome === 'failed' && c.kind === 'mismatch'));
  const missing = report.macros.some(m => m.cases.some(c => c.outcome === 'failed' && c.kind === 'missing'));
  const obsolete = report.macros.some(m => m.cases.some(c => c.kind === 'obsolete' && c.outcome !== 'removed'));
  // Under --update what is still failing was not written for the reason shown with it: running --update again will
  // not help (a snapshot over 10 MB, a link, a path that cannot be written).
  if (report.update) {
    if (mismatches || missing) out.push('Snapshots listed above as failed were not written: see why next to each.');
  } else if (mismatches)
    out.push(
      'If the new requests are what you meant, accept them with "ccmacro test --update" and commit the snapshots.',
    );
  else if (missing) out.push('Write the missing snapshots with "ccmacro test --update" and commit them.');
  else if (obsolete) out.push('Remove obsolete snapshots with "ccmacro test --update".');
  // Names, file names and diff lines are anyone's text: no line of the report may read as a CI command.
  return inertText(out.join('\n') + '\n');
}

/** Text as XML 1.0 (and a terminal) can hold it: control characters and lone surrogates shown visibly. */
function safeText(s: string): string {
  return visible(s.replace(/\r\n?/g, '\n').replace(/[\uFFFE\uFFFF]/g, '\uFFFD')).replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

function xmlText(s: string): string {
  return safeText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

const JUNIT_TYPE: Record<FailureKind, string> = {
  mismatch: 'snapshot-mismatch',
  missing: 'snapshot-missing',
  render: 'render-error',
  obsolete: 'snapshot-obsolete',
  refused: 'snapshot-refused',
};

/** JUnit XML (the Surefire/Jenkins dialect most CI test tabs read): a <testsuite> per macro, a <testcase> per item. */
export function junitReport(report: TestRunReport): string {
  const n = countOutcomes(report);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ccmacro test" tests="${n.total}" failures="${n.failed}" errors="0">`,
  ];
  for (const m of report.macros) {
    const failures = m.cases.filter(c => c.outcome === 'failed').length;
    const skipped = m.cases.filter(c => c.outcome === 'skipped').length;
    out.push(
      `  <testsuite name="${xmlAttr(m.file)}" tests="${m.cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    );
    for (const c of m.cases) {
      const open = `    <testcase classname="${xmlAttr(m.file)}" name="${xmlAttr(c.name)}"`;
      const message = c.message ?? '';
      if (c.outcome === 'failed') {
        const type = JUNIT_TYPE[c.kind ?? 'mismatch'];
        out.push(`${open}>`);
        out.push(
          `      <failure message="${xmlAttr(message)}" type="${type}">${xmlText([message, c.detail ?? ''].filter(Boolean).join('\n\n'))}</failure>`,
        );
        out.push('    </testcase>');
      } else if (c.outcome === 'skipped') {
        out.push(`${open}>`);
        out.push(`      <skipped message="${xmlAttr(message)}"/>`);
        out.push('    </testcase>');
      } else if (c.outcome !== 'passed') {
        out.push(`${open}>`);
        out.push(`      <system-out>${xmlText(message)}</system-out>`);
        out.push('    </testcase>');
      } else {
        out.push(`${open}/>`);
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return inertXml(out.join('\n') + '\n');
}

const ANNOTATION_CODE: Record<FailureKind, string> = {
  mismatch: 'snapshot/mismatch',
  missing: 'snapshot/missing',
  render: 'snapshot/render-error',
  obsolete: 'snapshot/obsolete',
  refused: 'snapshot/refused',
};

/**
 * The human report for the log, then a workflow-command annotation per failure (a warning per obsolete entry).
 * `ciPath` names an annotation's file as GitHub places it (from the repository's top folder: `ciPaths`).
 */
export function githubReport(report: TestRunReport, ciPath: (file: string) => string = f => f): string {
  const lines: string[] = [];
  for (const m of report.macros)
    for (const c of m.cases) {
      if (c.outcome !== 'failed' && c.outcome !== 'skipped') continue;
      const at = c.location ?? { file: m.file, line: 1, column: 1 };
      const message = [`${c.name}: ${c.message ?? ''}`, c.detail ?? ''].filter(Boolean).join('\n\n');
      lines.push(
        githubAnnotation({
          path: ciPath(at.file),
          line: at.line,
          column: at.column,
          endLine: at.line,
          endColumn: at.column,
          severity: c.outcome === 'failed' ? 'error' : 'warning',
          code: c.code ?? ANNOTATION_CODE[c.kind ?? 'mismatch'],
          message: safeText(message),
        }),
      );
    }
  return humanReport(report, false) + (lines.length ? lines.join('\n') + '\n' : '');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
