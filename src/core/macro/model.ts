/** The current version of the `*.ccmacro.json` format. A file without `version` is read as this one. */
export const FORMAT_VERSION = 1;

export type MacroScope = 'feedback' | 'user';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type BodyFormat = 'json' | 'form' | 'text' | 'xml';
export type Trigger = 'manual' | 'submit' | 'modify';

type ScheduleRate = 'hourly' | 'daily' | 'weekly' | 'monthly';

export interface Schedule {
  /** How often it runs, e.g. "daily". */
  rate: ScheduleRate;
  /** First run, ISO date or local date-time: "2026-03-01" or "2026-03-01T09:00". */
  start?: string;
  /** Last possible run, same form as start. */
  end?: string;
}

export interface MacroRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  bodyFormat?: BodyFormat;
  body?: unknown;
}

export interface Macro {
  $schema?: string;
  version?: number;
  name: string;
  description?: string;
  scope?: MacroScope;
  feedbackTypes?: string[];
  showInFeedbackManagement?: boolean;
  teams?: string[];
  triggers?: Array<Trigger | { schedule: Schedule }>;
  request: MacroRequest;
  returnValues?: Record<string, string>;
  samples?: string[];
  /** What the request posts to: a target's id (src/core/targets); when absent it is read from the URL. */
  target?: string;
}

export function macroScope(m: Partial<Macro> | undefined): MacroScope {
  return m?.scope === 'user' ? 'user' : 'feedback';
}

export function bodyFormat(m: Partial<Macro> | undefined): BodyFormat {
  const f = m?.request?.bodyFormat;
  return f === 'form' || f === 'text' || f === 'xml' ? f : 'json';
}

/** How messages and logs name a macro: its `name`, else its file name ("escalate.ccmacro.json"). */
export function macroDisplayName(m: Partial<Macro> | undefined, filePath: string): string {
  const name = typeof m?.name === 'string' ? m.name.trim() : '';
  return name || filePath.split(/[\\/]/).pop() || filePath;
}

/**
 * The macro's return values (response field path → Centercode external-data name). Entries that are not
 * text are left out (the schema check reports them); the rest still count.
 */
export function macroReturnValues(m: Partial<Macro> | undefined): Record<string, string> | undefined {
  const v: unknown = m?.returnValues;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return Object.keys(out).length ? out : undefined;
}
