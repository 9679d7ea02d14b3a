import type { FileSystemLike } from '../host';
import type { ParsedMacro } from '../macro/parse';
import { BUILTIN_SAMPLES } from './builtin';
import { sampleItemLabel } from './describe';
import { sampleKey } from './key';
import { sampleChoices } from './load';
import { parseSampleFile } from './parse';
import type { SampleOption } from './types';

/**
 * Every item of every sample the macro can use, as the preview's picker and "Send Test Webhook with Sample…" list
 * them: its own sample files, then the built-ins.
 */
export async function sampleItemOptions(parsed: ParsedMacro, dir: string, fs: FileSystemLike): Promise<SampleOption[]> {
  const out: SampleOption[] = [];
  for (const c of sampleChoices(parsed, dir)) {
    if (c.id.startsWith('builtin:')) {
      const b = BUILTIN_SAMPLES.find(x => `builtin:${x.id}` === c.id);
      const items = b?.items ?? [];
      items.forEach((item, i) =>
        out.push({
          key: sampleKey(c.id, i),
          label: items.length > 1 ? `${c.label} ${sampleItemLabel(item, i)}` : c.label,
          group: 'Built-in samples',
          description: c.description,
        }),
      );
      continue;
    }
    const read = await fs.readFile(c.id);
    const items = read.ok ? parseSampleFile(read.value).items.map(it => it.item) : [];
    if (items.length === 0) {
      out.push({
        key: sampleKey(c.id, 0),
        label: read.ok
          ? `${c.label} (no items)`
          : read.error.kind === 'missing'
            ? `${c.label} (not found)`
            : `${c.label} (cannot be read)`,
        group: c.label,
        description: c.description,
      });
      continue;
    }
    items.forEach((item, i) =>
      out.push({
        key: sampleKey(c.id, i),
        label: sampleItemLabel(item, i),
        group: c.label,
        description: c.description,
      }),
    );
  }
  return out;
}
