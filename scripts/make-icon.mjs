// Makes the marketplace icon (resources/icon.png, 128×128 PNG) from the activity-bar glyph resources/mks.svg:
// the glyph, drawn white, on a rounded dark-blue square. Run it after changing the SVG:
//   node scripts/make-icon.mjs [OUT.png]      (default resources/icon.png)
// The rendering (resvg) is deterministic, so a test regenerates the icon and compares it with the committed one.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = 128;
const MARGIN = 18;

export function iconSvg(glyph) {
  const open = /<svg\b([^>]*)>/.exec(glyph);
  const body = glyph.slice(open.index + open[0].length, glyph.lastIndexOf('</svg>'));
  const attribute = (name) => new RegExp(`\\b${name}="([^"]*)"`).exec(open[1])?.[1];
  const viewBox = attribute('viewBox') ?? '0 0 24 24';
  const inner = SIZE - 2 * MARGIN;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">`,
    `<rect width="${SIZE}" height="${SIZE}" rx="24" fill="#1d4f91"/>`,
    `<svg x="${MARGIN}" y="${MARGIN}" width="${inner}" height="${inner}" viewBox="${viewBox}" fill="none" stroke="#ffffff"`,
    ` stroke-width="${attribute('stroke-width') ?? '1.6'}" stroke-linejoin="${attribute('stroke-linejoin') ?? 'round'}" stroke-linecap="round">`,
    body,
    '</svg></svg>',
  ].join('');
}

export function renderIcon(svgText) {
  return new Resvg(iconSvg(svgText), { fitTo: { mode: 'width', value: SIZE }, font: { loadSystemFonts: false } }).render().asPng();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? path.join(root, 'resources', 'icon.png'));
  writeFileSync(out, renderIcon(readFileSync(path.join(root, 'resources', 'mks.svg'), 'utf8')));
  console.log(`wrote ${path.relative(process.cwd(), out)} (${SIZE}×${SIZE})`);
}
