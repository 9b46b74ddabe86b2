import { PNG } from 'pngjs';
import QRCode from 'qrcode';

/**
 * The invite poster (pure, PNG bytes): a coloured band, the invite link as a QR code and the code
 * below it in a built-in 5×7 pixel font (Latin capitals and digits only — no font files, no native
 * build), composed with pngjs.
 */
const GLYPHS: Record<string, string> = {
  A: '01110100011000111111100011000110001',
  B: '11110100011000111110100011000111110',
  C: '01110100011000010000100001000101110',
  D: '11110100011000110001100011000111110',
  E: '11111100001000011110100001000011111',
  F: '11111100001000011110100001000010000',
  G: '01110100011000010111100011000101111',
  H: '10001100011000111111100011000110001',
  I: '01110001000010000100001000010001110',
  J: '00111000100001000010000101001001100',
  K: '10001100101010011000101001001010001',
  L: '10000100001000010000100001000011111',
  M: '10001110111010110101100011000110001',
  N: '10001100011100110101100111000110001',
  P: '11110100011000111110100001000010000',
  Q: '01110100011000110001101011001001101',
  R: '11110100011000111110101001001010001',
  S: '01111100001000001110000010000111110',
  T: '11111001000010000100001000010000100',
  U: '10001100011000110001100011000101110',
  V: '10001100011000110001100010101000100',
  W: '10001100011000110101101011010101010',
  X: '10001100010101000100010101000110001',
  Y: '10001100010101000100001000010000100',
  Z: '11111000010001000100010001000011111',
  '2': '01110100010000100010001000100011111',
  '3': '11111000100010000010000011000101110',
  '4': '00010001100101010010111110001000010',
  '5': '11111100001111000001000011000101110',
  '6': '00110010001000011110100011000101110',
  '7': '11111000010001000100010000100001000',
  '8': '01110100011000101110100011000101110',
  '9': '01110100011000101111000010001001100',
};

export const POSTER = { width: 600, height: 820, qrTop: 170, qrScale: 10, textTop: 680, textScale: 8 } as const;
type Rgb = [number, number, number];
const RED: Rgb = [0xe5, 0x39, 0x35];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const INK: Rgb = [0x21, 0x21, 0x21];

function fill(png: PNG, x0: number, y0: number, w: number, h: number, [r, g, b]: Rgb) {
  for (let y = Math.max(0, y0); y < Math.min(png.height, y0 + h); y++) {
    for (let x = Math.max(0, x0); x < Math.min(png.width, x0 + w); x++) {
      const i = (png.width * y + x) << 2;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 0xff;
    }
  }
}

function text(png: PNG, s: string, top: number, scale: number, color: Rgb) {
  const advance = 6 * scale;
  const width = s.length * advance - scale;
  let x = Math.floor((png.width - width) / 2);
  for (const ch of s) {
    const glyph = GLYPHS[ch];
    if (glyph) {
      for (let row = 0; row < 7; row++)
        for (let col = 0; col < 5; col++)
          if (glyph[row * 5 + col] === '1') fill(png, x + col * scale, top + row * scale, scale, scale, color);
    }
    x += advance;
  }
}

/** Where the QR's modules land on the poster (tests read them back). */
export function qrLayout(link: string) {
  const qr = QRCode.create(link, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const scale = Math.min(POSTER.qrScale, Math.floor(440 / (size + 8)));
  const quiet = 4 * scale;
  const box = size * scale + 2 * quiet;
  const left = Math.floor((POSTER.width - box) / 2);
  return { qr, size, scale, quiet, box, left, top: POSTER.qrTop };
}

export function renderPoster(code: string, link: string): Buffer {
  const png = new PNG({ width: POSTER.width, height: POSTER.height });
  fill(png, 0, 0, POSTER.width, POSTER.height, RED);
  fill(png, 40, 40, POSTER.width - 80, POSTER.height - 80, WHITE);
  fill(png, 40, 40, POSTER.width - 80, 90, RED);
  text(png, 'QUANZI', 62, 6, WHITE);
  const { qr, size, scale, quiet, box, left, top } = qrLayout(link);
  fill(png, left, top, box, box, WHITE);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++)
      if (qr.modules.get(y, x)) fill(png, left + quiet + x * scale, top + quiet + y * scale, scale, scale, INK);
  }
  text(png, code, POSTER.textTop, POSTER.textScale, INK);
  return PNG.sync.write(png);
}
