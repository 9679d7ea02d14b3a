// The extension icon: media/icon.svg rasterised to media/icon.png (128×128, the size the Marketplace asks for) with resvg. The same SVG gives the same
// bytes every time (no timestamps or metadata), so the PNG is made on packaging, never edited by hand.
// Usage: node scripts/icon.mjs [OUT.png]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = process.argv[2] ?? path.join(root, 'media', 'icon.png');
const svg = fs.readFileSync(path.join(root, 'media', 'icon.svg'), 'utf8');
const png = new Resvg(svg, { fitTo: { mode: 'width', value: 128 }, font: { loadSystemFonts: false } }).render().asPng();
fs.writeFileSync(out, png);
