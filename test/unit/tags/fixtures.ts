import { InMemoryFileSystem } from '../../fakes/fileSystem';

/** A macro source with the given request fields, as a feedback macro with one sample. */
export function macroText(request: string, extra = ''): string {
  return `{\n  "name": "Test",${extra}\n  "request": ${request}\n}\n`;
}

export const ROOT = '/ws';
export const MACRO = '/ws/macros/escalate.ccmacro.json';

export function workspace(files: Record<string, string> = {}): InMemoryFileSystem {
  return new InMemoryFileSystem(files);
}
