// Regenerates the installable apps' images in public/icons from src/app/icon.svg (sharp), for the
// manifests of src/server/pwa/manifest.ts: PNG icons 192 and 512 ("any"), a maskable 512 whose mark
// sits inside the safe zone (the central circle of 80 % of the width), the apple-touch-icon, and two
// screenshots (narrow and wide) that show the mark on the app's color. The files are committed; run
// `node --import tsx src/cli/pwa-icons.ts` after changing the icon.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, 'public', 'icons');
const svg = readFileSync(path.join(ROOT, 'src', 'app', 'icon.svg'), 'utf8');

/** The icon's drawing (everything inside <svg>, on its 32x32 view box) and its background color. */
const inner = /<svg[^>]*>([\s\S]*)<\/svg>/.exec(svg)![1]!;
const background = /<rect[^>]*fill="(#[0-9a-fA-F]{6})"/.exec(svg)![1]!;
const mark = inner.replace(/<rect[^>]*\/>/, '');

/** The icon as is (rounded square, transparent corners), `size` pixels wide. */
const plain = (size: number) => svg.replace('<svg ', `<svg width="${size}" height="${size}" `);

/** The mark alone on a full-bleed background, scaled by `scale` about the center. */
function fullBleed(width: number, height: number, markSize: number): string {
  const scale = markSize / 32;
  const x = (width - markSize) / 2;
  const y = (height - markSize) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="${width}" height="${height}" fill="${background}"/><g transform="translate(${x} ${y}) scale(${scale})">${mark}</g></svg>`;
}

const images: [string, string][] = [
  ['icon-192.png', plain(192)],
  ['icon-512.png', plain(512)],
  // The mark's farthest point is 12.1 of 32 units from the center (38 %): at 80 % of the canvas it stays within 30 %, inside the 40 % safe circle.
  ['icon-maskable-512.png', fullBleed(512, 512, 410)],
  ['apple-touch-icon.png', fullBleed(180, 180, 144)],
  ['screenshot-narrow.png', fullBleed(750, 1334, 360)],
  ['screenshot-wide.png', fullBleed(1280, 800, 360)],
];

mkdirSync(OUT, { recursive: true });
for (const [name, source] of images) {
  const info = await sharp(Buffer.from(source)).png({ compressionLevel: 9 }).toFile(path.join(OUT, name));
  console.log(`public/icons/${name}: ${info.width}x${info.height}, ${info.size} bytes`);
}
