// Draws the desk's icon (a white admission ticket with a green check on a blue tile) and writes
// every file electron-builder wants under build/: icon.png (1024 px), icon.ico (Windows,
// 16–256 px), icon.icns (macOS, 128–1024 px) and icons/NxN.png (Linux). Node only, no native
// or image packages: shapes are signed distances, anti-aliased by supersampling, and the
// files are written byte by byte (PNG = zlib + CRC32; ICO and ICNS embed those PNGs).
// Deterministic: the same script makes the same bytes. Run: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const buildDir = fileURLToPath(new URL('../build/', import.meta.url));

// ---- Drawing, in unit coordinates (0..1, y down) ---------------------------------------------

const TILE_TOP = [37, 99, 235];
const TILE_BOTTOM = [30, 58, 138];
const TICKET = [255, 255, 255];
const PERFORATION = [191, 203, 222];
const CHECK = [22, 163, 74];

function roundedRect(x, y, left, top, right, bottom, radius) {
  const cx = Math.max(left + radius, Math.min(x, right - radius));
  const cy = Math.max(top + radius, Math.min(y, bottom - radius));
  return Math.hypot(x - cx, y - cy) <= radius;
}

function segmentDistance(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

const checkPoints = [[0.295, 0.505], [0.395, 0.6], [0.565, 0.405]];

/** The colour at one point, or null where the icon is transparent. */
function colourAt(x, y) {
  if (!roundedRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.2)) return null;
  const ticket = roundedRect(x, y, 0.16, 0.3, 0.84, 0.7, 0.05)
    && Math.hypot(x - 0.16, y - 0.5) > 0.07 && Math.hypot(x - 0.84, y - 0.5) > 0.07;
  if (ticket) {
    const stroke = Math.min(segmentDistance(x, y, checkPoints[0], checkPoints[1]), segmentDistance(x, y, checkPoints[1], checkPoints[2]));
    if (stroke <= 0.032) return CHECK;
    const dash = Math.abs(x - 0.67) <= 0.007 && ((y - 0.325) / 0.05) % 1 < 0.55 && y > 0.325 && y < 0.675;
    return dash ? PERFORATION : TICKET;
  }
  const t = (y - 0.04) / 0.92;
  return TILE_TOP.map((top, index) => top + (TILE_BOTTOM[index] - top) * t);
}

/** RGBA pixels of the icon at `size` px, each pixel the average of samples × samples points. */
function render(size) {
  const samples = size <= 64 ? 8 : 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const colour = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered += 1;
        }
      }
      const offset = (py * size + px) * 4;
      if (covered > 0) {
        pixels[offset] = Math.round(r / covered);
        pixels[offset + 1] = Math.round(g / covered);
        pixels[offset + 2] = Math.round(b / covered);
        pixels[offset + 3] = Math.round((255 * covered) / (samples * samples));
      }
    }
  }
  return pixels;
}

// ---- Files ---------------------------------------------------------------------------------

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** An 8-bit RGBA PNG, no filtering (each row prefixed with filter type 0). */
export function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Windows ICO holding PNG images (Windows Vista and later read PNG entries). */
export function encodeIco(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header[entry] = size >= 256 ? 0 : size; // 0 means 256
    header[entry + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs.map(({ png }) => png)]);
}

/** The ICNS types that hold PNG data, by pixel size (ic11–ic14 are the @2x variants). */
export const icnsTypes = [
  ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024],
  ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512],
];

export function encodeIcns(pngBySize) {
  const entries = icnsTypes.map(([type, size]) => {
    const png = pngBySize.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + entries.reduce((total, entry) => total + entry.length, 0), 4);
  return Buffer.concat([head, ...entries]);
}

export const icoSizes = [16, 24, 32, 48, 64, 128, 256];
export const linuxSizes = [16, 32, 48, 64, 128, 256, 512];

function main() {
  const sizes = [...new Set([...icoSizes, ...linuxSizes, ...icnsTypes.map(([, size]) => size), 1024])].sort((a, b) => a - b);
  const pngBySize = new Map(sizes.map((size) => [size, encodePng(size, render(size))]));
  mkdirSync(`${buildDir}icons`, { recursive: true });
  writeFileSync(`${buildDir}icon.png`, pngBySize.get(1024));
  writeFileSync(`${buildDir}icon.ico`, encodeIco(icoSizes.map((size) => ({ size, png: pngBySize.get(size) }))));
  writeFileSync(`${buildDir}icon.icns`, encodeIcns(pngBySize));
  for (const size of linuxSizes) writeFileSync(`${buildDir}icons/${size}x${size}.png`, pngBySize.get(size));
  console.log(`make-icons: build/icon.png, build/icon.ico, build/icon.icns, build/icons/{${linuxSizes.map((size) => `${size}x${size}`).join(',')}}.png`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
