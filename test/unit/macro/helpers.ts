import type { FileSystemLike } from '../../../src/core/host';
import { InMemoryFileSystem } from '../../fakes/fileSystem';
import { createCcmacroService } from '../../../src/core';
import { ajvMacroSchema } from '../../../src/cli/schema';

export interface Located {
  code: string;
  severity: string;
  message: string;
  /** 1-based, as editors and the CLI show them. */
  line: number;
  column: number;
  text: string;
}

export const MACRO_PATH = '/proj/macros/test.ccmacro.json';

/** Validates text as /proj/macros/test.ccmacro.json and returns each problem with its 1-based position and covered text. */
export async function check(
  text: string,
  opts: { schema?: boolean; fs?: FileSystemLike; codes?: string } = {},
): Promise<Located[]> {
  const fs = opts.fs ?? new InMemoryFileSystem();
  const service = createCcmacroService({ fs, ...(opts.schema === false ? {} : { macroSchema: ajvMacroSchema() }) });
  const { problems, lines, parsed } = await service.validate({ path: MACRO_PATH, text });
  const out = problems.map(p => {
    const pos = lines.positionAt(p.range.start);
    return {
      code: p.code,
      severity: p.severity,
      message: p.message,
      line: pos.line + 1,
      column: pos.character + 1,
      text: parsed.text.slice(p.range.start, p.range.end),
    };
  });
  return opts.codes ? out.filter(p => p.code.startsWith(opts.codes!)) : out;
}

/** 1-based line and column of the first occurrence of `needle` in text (for expected positions). */
export function positionOf(text: string, needle: string, from = 0): { line: number; column: number } {
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`test fixture does not contain ${needle}`);
  const before = text.slice(0, i);
  const line = before.split(/\r\n|\r|\n/).length;
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return { line, column: i - lastBreak };
}

/** A minimal valid macro with `extra` merged over the request and root. */
export function macro(root: Record<string, unknown> = {}, request: Record<string, unknown> = {}): string {
  return JSON.stringify(
    { name: 'Test', ...root, request: { method: 'POST', url: 'https://example.com/hook', ...request } },
    null,
    2,
  );
}
