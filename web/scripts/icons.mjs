// Draws the app's icons (the installable app, issue 15) from the logo in public/favicon.svg, the
// same three bars as the header's (components/Header.tsx), with no image library: the logo is
// rectangles only, so this reads them and paints each pixel (4×4 samples for smooth edges).
//   node web/scripts/icons.mjs     → web/public/icons/*.png (committed; run again if the logo changes)
// icon-192/512: the logo as it is (rounded square, transparent corners).
// maskable-512: full-bleed background, the bars inside the central safe circle (radius 40 %),
//   so a phone may crop it to any shape.
// apple-touch-icon (180): iOS rounds the corners itself, so a full-bleed square too.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const svg = readFileSync(path.join(here, '../public/favicon.svg'), 'utf8');
const VIEW = 32;

const rects = [...svg.matchAll(/<rect\b([^>]*)\/?>/g)].map(([, attrs]) => {
  const a = (name, dflt = 0) => {
    const m = new RegExp(`\\b${name}="([^"]*)"`).exec(attrs);
    return m ? (name === 'fill' ? m[1] : Number(m[1])) : dflt;
  };
  return { x: a('x'), y: a('y'), w: a('width'), h: a('height'), rx: a('rx'), fill: a('fill', '#000') };
});
const rgb = (hex) => {
  const h = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex; // #fff → #ffffff
  return [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
};

function inside(r, px, py) {
  if (px < r.x || py < r.y || px > r.x + r.w || py > r.y + r.h) return false;
  if (!r.rx) return true;
  const cx = Math.min(Math.max(px, r.x + r.rx), r.x + r.w - r.rx);
  const cy = Math.min(Math.max(py, r.y + r.rx), r.y + r.h - r.rx);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r.rx ** 2;
}

/** RGBA pixels: `layers` painted in order, in logo units mapped by scale and offset. */
function paint(size, layers, scale, offset) {
  const px = Buffer.alloc(size * size * 4);
  const S = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        let hits = 0;
        for (let sy = 0; sy < S; sy++) {
          for (let sx = 0; sx < S; sx++) {
            const ux = (x + (sx + 0.5) / S - offset) / scale;
            const uy = (y + (sy + 0.5) / S - offset) / scale;
            if (inside(layer, ux, uy)) hits++;
          }
        }
        if (!hits) continue;
        const cov = hits / (S * S);
        const [lr, lg, lb] = rgb(layer.fill);
        // "over" compositing, straight alpha
        const na = cov + a * (1 - cov);
        r = (lr * cov + r * a * (1 - cov)) / na;
        g = (lg * cov + g * a * (1 - cov)) / na;
        b = (lb * cov + b * a * (1 - cov)) / na;
        a = na;
      }
      const i = (y * size + x) * 4;
      px[i] = Math.round(r);
      px[i + 1] = Math.round(g);
      px[i + 2] = Math.round(b);
      px[i + 3] = Math.round(a * 255);
    }
  }
  return px;
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const [background, ...bars] = rects;
const square = { ...background, rx: 0 };
const out = path.join(here, '../public/icons');
mkdirSync(out, { recursive: true });
const icons = [
  { file: 'icon-192.png', size: 192, layers: rects, fill: 1 },
  { file: 'icon-512.png', size: 512, layers: rects, fill: 1 },
  { file: 'maskable-512.png', size: 512, layers: [square, ...bars], fill: 0.8 },
  { file: 'apple-touch-icon.png', size: 180, layers: [square, ...bars], fill: 0.9 },
];
for (const { file, size, layers, fill } of icons) {
  // the bars scaled by `fill` about the centre; the background always covers the whole square
  const scale = (size / VIEW) * fill;
  const offset = (size - VIEW * scale) / 2;
  const bg = fill === 1 ? [] : [{ ...square, x: -offset / scale, y: -offset / scale, w: size / scale, h: size / scale }];
  writeFileSync(path.join(out, file), png(size, paint(size, [...bg, ...layers], scale, offset)));
  console.log(`web/public/icons/${file}`);
}
