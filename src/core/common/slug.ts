/**
 * A name as a file-name and URL-path friendly word: lower case ASCII letters and digits joined by single
 * hyphens ("Escalate: Blocker → Slack!" → "escalate-blocker-slack", "Café" → "cafe"), at most `maxLength` characters,
 * `fallback` when nothing is left.
 */
export function slugify(name: string, fallback: string, maxLength = 60): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return slug || fallback;
}

/**
 * The first name `base + ext`, `base-2 + ext`, `base-3 + ext`, … for which `taken` says no: new files never
 * replace existing ones.
 */
export async function firstFreeName(
  base: string,
  ext: string,
  taken: (name: string) => Promise<boolean>,
): Promise<string> {
  for (let n = 1; ; n++) {
    const name = `${base}${n === 1 ? '' : `-${n}`}${ext}`;
    if (!(await taken(name))) return name;
  }
}
