/**
 * ‖z·W‖² for the upper-triangular whitening matrix W of the Mahalanobis part, with the
 * products in a small WebAssembly module using 128-bit SIMD (two float64 lanes): a
 * serving request's distance is up to p²/2 multiply-adds (~21,700 at 208 dimensions) over
 * W's ~170 KB, which the request's other work has pushed out of the cache, so what it
 * costs is mostly reading W. y = z·W is built row by row (y[c..] += z[r]·W[r, c..]) and a
 * zero z[r] — a missing value, imputed with the centre — skips row r unread. The sums
 * run in mahalanobisSquared's order (y[c] over ascending r, then Σ y[c]² over ascending
 * c), so for finite values the result is the same number. The module is written out
 * below as bytes (one exported function and its memory; no toolchain builds it). Memory:
 * z, then y, each padded to an even length, then the rows of W, row r from column
 * r rounded down to even (the entries left of the diagonal are W's zeros) to the padded end.
 */

/** A compiled ‖z·W‖² for one W. */
export interface WhitenedNorm {
  /** z, length `dims`, to be filled before {@link WhitenedNorm.squaredNorm}. */
  readonly z: Float64Array;
  /** ‖z·W‖² for the current z. */
  squaredNorm(): number;
}

/** Compiles ‖z·W‖² for the row-major `dims` × `dims` upper-triangular `whitening`. */
export function compileWhitenedNorm(whitening: ArrayLike<number>, dims: number): WhitenedNorm {
  const width = dims + (dims & 1);
  const rowStart = (r: number) => r & ~1;
  let entries = 0;
  for (let r = 0; r < dims; r++) entries += width - rowStart(r);
  const bytes = 8 * (2 * width + entries);
  const module = new WebAssembly.Module(moduleBytes(Math.ceil(bytes / 65536)));
  const instance = new WebAssembly.Instance(module);
  const memory = instance.exports.memory as WebAssembly.Memory;
  const multiply = instance.exports.multiply as (
    z: number,
    y: number,
    w: number,
    dims: number,
    width: number,
  ) => void;
  const all = new Float64Array(memory.buffer, 0, 2 * width + entries);
  for (let r = 0, at = 2 * width; r < dims; r++) {
    const from = rowStart(r);
    for (let c = r; c < dims; c++) all[at + c - from] = whitening[r * dims + c];
    at += width - from;
  }
  const z = all.subarray(0, dims);
  const y = all.subarray(width, 2 * width);
  return {
    z,
    squaredNorm() {
      y.fill(0);
      multiply(0, 8 * width, 16 * width, dims, width);
      let sum = 0;
      for (let c = 0; c < dims; c++) sum += y[c] * y[c];
      return sum;
    },
  };
}

/**
 * The module: memory of `pages` pages and multiply(z, y, w, dims, width), byte offsets
 * z, y, w:  end = 8·width; for r in 0..dims: c = 8·(r & −2); if z[r] ≠ 0, then for c
 * below end step 16: y[c..c+16) += splat(z[r]) · row[c..c+16); wp += end − 8·(r & −2)
 */
function moduleBytes(pages: number): Uint8Array<ArrayBuffer> {
  const evenColumnBytes = [0x20, 0x05, 0x41, 0x7e, 0x71, 0x41, 0x03, 0x74]; // 8·(r & −2)
  const body = [
    // locals: 5 r, 6 c, 7 wp, 8 end (i32), 9 zr (f64), 10 splat (v128), 11 row base (i32)
    0x04,
    0x04,
    0x7f,
    0x01,
    0x7c,
    0x01,
    0x7b,
    0x01,
    0x7f,
    0x20,
    0x04,
    0x41,
    0x03,
    0x74,
    0x21,
    0x08, // end = 8·width
    0x20,
    0x02,
    0x21,
    0x07, // wp = w
    0x02,
    0x40,
    0x03,
    0x40, // block, loop (rows)
    0x20,
    0x05,
    0x20,
    0x03,
    0x4f,
    0x0d,
    0x01, // r ≥ dims: done
    ...evenColumnBytes,
    0x21,
    0x06, // c = 8·(r & −2)
    0x20,
    0x00,
    0x20,
    0x05,
    0x41,
    0x03,
    0x74,
    0x6a,
    0x2b,
    0x03,
    0x00,
    0x21,
    0x09, // zr = z[r]
    0x20,
    0x09,
    0x44,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0x62,
    0x04,
    0x40, // if zr ≠ 0
    0x20,
    0x09,
    0xfd,
    0x14,
    0x21,
    0x0a, // splat = (zr, zr)
    0x20,
    0x07,
    0x20,
    0x06,
    0x6b,
    0x21,
    0x0b, // base = wp − c
    0x02,
    0x40,
    0x03,
    0x40, // block, loop (columns)
    0x20,
    0x06,
    0x20,
    0x08,
    0x4f,
    0x0d,
    0x01, // c ≥ end: done
    0x20,
    0x01,
    0x20,
    0x06,
    0x6a, // address y + c
    0x20,
    0x01,
    0x20,
    0x06,
    0x6a,
    0xfd,
    0x00,
    0x03,
    0x00, // y[c..]
    0x20,
    0x0a,
    0x20,
    0x0b,
    0x20,
    0x06,
    0x6a,
    0xfd,
    0x00,
    0x03,
    0x00, // splat, row[c..]
    0xfd,
    0xf2,
    0x01,
    0xfd,
    0xf0,
    0x01,
    0xfd,
    0x0b,
    0x03,
    0x00, // y[c..] += splat · row[c..]
    0x20,
    0x06,
    0x41,
    0x10,
    0x6a,
    0x21,
    0x06, // c += 16
    0x0c,
    0x00,
    0x0b,
    0x0b, // next column; end loop, block
    0x0b, // end if
    0x20,
    0x07,
    0x20,
    0x08,
    0x6a,
    ...evenColumnBytes,
    0x6b,
    0x21,
    0x07, // wp += end − 8·(r & −2)
    0x20,
    0x05,
    0x41,
    0x01,
    0x6a,
    0x21,
    0x05, // r += 1
    0x0c,
    0x00,
    0x0b,
    0x0b, // next row; end loop, block
    0x0b,
  ];
  const section = (id: number, content: number[]) => [id, ...uleb(content.length), ...content];
  const name = (s: string) => [s.length, ...new TextEncoder().encode(s)];
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00, // \0asm, version 1
    ...section(1, [0x01, 0x60, 0x05, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]), // (5 × i32) → ()
    ...section(3, [0x01, 0x00]), // one function of type 0
    ...section(5, [0x01, 0x00, ...uleb(pages)]), // one memory, min pages
    ...section(7, [0x02, ...name("memory"), 0x02, 0x00, ...name("multiply"), 0x00, 0x00]),
    ...section(10, [0x01, ...uleb(body.length), ...body]),
  ]);
}

function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}
