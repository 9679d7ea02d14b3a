import { modify, applyEdits, parseTree, type FormattingOptions } from 'jsonc-parser';
import type { MacroScope } from '../macro/model';
import { tooDeepOffset } from '../common/jsonDepth';

interface TextEditOffsets {
  offset: number;
  length: number;
  content: string;
}

const FORMAT: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };

/**
 * The edits that add a tag to a project catalog: appended to `tags` (comments and formatting kept),
 * or a whole new file when there is none (text undefined) or it holds no JSON object. No `$schema`:
 * the extension's jsonValidation already matches `.ccmacro/tags.json`. No edits for a file nested too deeply to read.
 */
export function addTagToCatalogEdits(text: string | undefined, name: string, scope: MacroScope): TextEditOffsets[] {
  const entry = { name, scope, type: 'text' };
  if (text !== undefined && tooDeepOffset(text) >= 0) return [];
  const root = text === undefined ? undefined : parseTree(text, [], { allowTrailingComma: true });
  if (text === undefined || !root || root.type !== 'object') {
    const fresh = JSON.stringify({ tags: [entry] }, null, 2) + '\n';
    return [{ offset: 0, length: text?.length ?? 0, content: fresh }];
  }
  const tags = root.children?.find(p => p.children?.[0]?.value === 'tags')?.children?.[1];
  const path = tags?.type === 'array' ? ['tags', -1] : ['tags'];
  const value = tags?.type === 'array' ? entry : [entry];
  return modify(text, path, value, { formattingOptions: FORMAT, isArrayInsertion: tags?.type === 'array' }).map(e => ({
    offset: e.offset,
    length: e.length,
    content: e.content,
  }));
}

export function applyTextEdits(text: string, edits: TextEditOffsets[]): string {
  return applyEdits(text, edits);
}
