/**
 * Draws the add-in icons (a globe on a grid of meridians and parallels, in the product blue) as
 * RGBA PNGs with node's zlib, so no image tool is needed. Usage: node scripts/make-icons.js
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { Buffer } = require('buffer');

const SIZES = [16, 32, 64, 80];
const BLUE = [0x0f, 0x6c, 0xbd];
const SAMPLES = 4; // supersampling per axis, for smooth edges

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** True where the globe's strokes cover the point (x, y), in a frame centred on the globe. */
function ink(x, y, radius, stroke) {
  const half = stroke / 2;
  const r = Math.hypot(x, y);
  if (Math.abs(r - radius) <= half) return true; // rim
  if (r > radius) return false;
  if (Math.abs(x) <= half * 0.9) return true; // central meridian
  if (Math.abs(y) <= half * 0.9) return true; // equator
  for (const k of [-0.5, 0.5]) if (Math.abs(y - k * radius) <= half * 0.8) return true; // parallels
  const a = radius * 0.48; // the side meridians form an ellipse
  const f = Math.hypot(x / a, y / radius);
  return Math.abs(f - 1) * a <= half * 0.9;
}

function draw(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const centre = size / 2;
  const stroke = Math.max(1.25, size / 13);
  const radius = size / 2 - stroke / 2 - Math.max(0.5, size / 32);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = px + (sx + 0.5) / SAMPLES - centre;
          const y = py + (sy + 0.5) / SAMPLES - centre;
          if (ink(x, y, radius, stroke)) hits++;
        }
      }
      const o = (py * size + px) * 4;
      rgba[o] = BLUE[0];
      rgba[o + 1] = BLUE[1];
      rgba[o + 2] = BLUE[2];
      rgba[o + 3] = Math.round((255 * hits) / (SAMPLES * SAMPLES));
    }
  }
  return encodePng(size, rgba);
}

const outDir = path.resolve(__dirname, '..', 'assets');
fs.mkdirSync(outDir, { recursive: true });
for (const size of SIZES) {
  const file = path.join(outDir, `icon-${size}.png`);
  fs.writeFileSync(file, draw(size));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
