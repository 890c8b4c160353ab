/**
 * Reads the pixels of a PNG (8-bit grey, RGB or RGBA, not interlaced: what
 * rsvg-convert and resvg write), so picture tests can tell a drawing from a
 * blank or transparent image without an image library.
 */
import { inflateSync } from 'node:zlib';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, four bytes a pixel. */
  rgba: Uint8Array;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function decodePng(png: Uint8Array): Pixels {
  const view = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (view.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const data: Buffer[] = [];
  while (offset < view.length) {
    const length = view.readUInt32BE(offset);
    const type = view.toString('latin1', offset + 4, offset + 8);
    const body = view.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs are read here');
      colorType = body[9]!;
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const channels = CHANNELS[colorType];
  if (!channels) throw new Error(`PNG colour type ${colorType} is not read here`);
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const lines = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const line = lines.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? lines.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels]! : 0;
      const b = up[i]!;
      const c = i >= channels ? up[i - channels]! : 0;
      let predicted = 0;
      if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = (src[i]! + predicted) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    const grey = channels <= 2;
    rgba[p * 4] = lines[s]!;
    rgba[p * 4 + 1] = grey ? lines[s]! : lines[s + 1]!;
    rgba[p * 4 + 2] = grey ? lines[s]! : lines[s + 2]!;
    rgba[p * 4 + 3] = channels === 4 ? lines[s + 3]! : channels === 2 ? lines[s + 1]! : 255;
  }
  return { width, height, rgba };
}

/** How much a picture varies: the variance of its pixels' luminance (alpha-weighted on white). 0 for a blank image. */
export function luminanceVariance({ rgba }: Pixels): number {
  let sum = 0;
  let sumSq = 0;
  const n = rgba.length / 4;
  for (let p = 0; p < n; p++) {
    const alpha = rgba[p * 4 + 3]! / 255;
    const lum = 0.2126 * rgba[p * 4]! + 0.7152 * rgba[p * 4 + 1]! + 0.0722 * rgba[p * 4 + 2]!;
    const onWhite = lum * alpha + 255 * (1 - alpha);
    sum += onWhite;
    sumSq += onWhite * onWhite;
  }
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

/** The share of pixels that are fully transparent. */
export function transparentShare({ rgba }: Pixels): number {
  let clear = 0;
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] === 0) clear++;
  return clear / (rgba.length / 4);
}
