import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { inspectImage } from './images.js';

const gif = (w: number, h: number) => {
  const b = Buffer.alloc(32);
  b.write('GIF89a', 0, 'ascii');
  b.writeUInt16LE(w, 6);
  b.writeUInt16LE(h, 8);
  return b;
};
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as AppError).code;
  }
  return 'accepted';
};

describe('image checks', () => {
  it('decides the type from the bytes and checks the pixel bounds', () => {
    expect(inspectImage(gif(64, 48))).toEqual({ mime: 'image/gif', width: 64, height: 48 });
    expect(codeOf(() => inspectImage(gif(15, 48)))).toBe('IMAGE_DIMENSIONS_INVALID');
    expect(codeOf(() => inspectImage(gif(4097, 48)))).toBe('IMAGE_DIMENSIONS_INVALID');
  });

  it('refuses SVG, HTML and garbage whatever they claim to be', () => {
    expect(codeOf(() => inspectImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"></svg>')))).toBe(
      'IMAGE_TYPE_UNSUPPORTED',
    );
    expect(codeOf(() => inspectImage(Buffer.from('<html><script>alert(1)</script></html>')))).toBe('IMAGE_TYPE_UNSUPPORTED');
    expect(codeOf(() => inspectImage(Buffer.alloc(100)))).toBe('IMAGE_TYPE_UNSUPPORTED');
  });
});
