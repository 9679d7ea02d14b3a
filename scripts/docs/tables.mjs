// The README's Commands and Settings lists, made from package.json (`node scripts/docs/tables.mjs` prints them).
// test/unit/build/docs.test.ts checks that README.md holds exactly these lists, so they never drift. Lists, not
// tables: a four-column table with command IDs was wider than the extension Details page's column (cut off at
// 1400×900), and a list wraps the same on GitHub and in VS Code.
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

export function manifest() {
  return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
}

const cell = s => String(s).replace(/\|/g, '\\|').replace(/\n+/g, ' ');

/** One row per command the palette offers (menus-only commands such as "Send Again" are listed with where they are). */
export function commandsTable(pkg = manifest()) {
  const c = pkg.contributes;
  const palette = new Map((c.menus?.commandPalette ?? []).map(m => [m.command, m.when]));
  const keys = new Map((c.keybindings ?? []).map(k => [k.command, k]));
  const menuPlaces = command => {
    const places = [];
    for (const [menu, items] of Object.entries(c.menus ?? {})) {
      if (menu === 'commandPalette') continue;
      if (items.some(i => i.command === command)) places.push(MENU_NAMES[menu] ?? menu);
    }
    return places;
  };
  const rows = c.commands.map(cmd => {
    const when = palette.get(cmd.command);
    const where = [];
    if (when !== 'false')
      where.push(when === 'isWorkspaceTrusted' ? 'Command Palette (trusted workspaces)' : 'Command Palette');
    where.push(...menuPlaces(cmd.command));
    const k = keys.get(cmd.command);
    const key = k ? `\`${k.key}\`${k.mac ? ` (macOS \`${k.mac}\`)` : ''}, ` : '';
    return `- **${cell(`${cmd.category}: ${cmd.title}`)}** — ${key}${cell(where.join(', '))}. ID \`${cmd.command}\``;
  });
  return rows.join('\n');
}

const MENU_NAMES = {
  'editor/title': 'editor title bar',
  'editor/context': 'editor context menu',
  'view/title': 'Webhook Log title bar',
  'view/item/context': 'Webhook Log entries',
  'explorer/context': 'Explorer context menu',
  'testing/item/context': 'Testing view context menu',
  'testing/message/content': 'test failure (Update Snapshot button)',
  'testing/message/context': 'test result context menu',
};

export function settingsTable(pkg = manifest()) {
  const props = pkg.contributes.configuration.properties;
  const rows = Object.entries(props).map(([key, p]) => {
    const range = [p.minimum !== undefined ? `min ${p.minimum}` : '', p.maximum !== undefined ? `max ${p.maximum}` : '']
      .filter(Boolean)
      .join(', ');
    const def = p.default === '' ? 'empty' : `\`${JSON.stringify(p.default)}\``;
    return `- **\`${key}\`** (${p.type}${range ? `, ${range}` : ''}; default ${def}): ${cell(p.markdownDescription ?? p.description ?? '')}`;
  });
  return rows.join('\n');
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  console.log(`## Commands\n\n${commandsTable()}\n\n## Settings\n\n${settingsTable()}`);
}
