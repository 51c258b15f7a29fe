/**
 * ‖z·W‖² for the upper-triangular whitening matrix W of the Mahalanobis part, in a small
 * WebAssembly module using 128-bit SIMD (two float64 lanes, two accumulators): a serving
 * request's distance is p²/2 multiply-adds (~21,700 at 208 dimensions), which plain
 * TypeScript does at about one a nanosecond. The module is written out below as bytes
 * (one exported function and its memory; no toolchain is needed to build it). Column c
 * of W (rows 0..c) is stored padded with zeros to a multiple of four entries, columns end
 * to end, after z (padded likewise).
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
  const padded = (n: number) => (n + 3) & ~3;
  const zLength = padded(dims);
  let entries = 0;
  for (let c = 0; c < dims; c++) entries += padded(c + 1);
  const bytes = 8 * (zLength + entries);
  const module = new WebAssembly.Module(moduleBytes(Math.ceil(bytes / 65536)));
  const instance = new WebAssembly.Instance(module);
  const memory = instance.exports.memory as WebAssembly.Memory;
  const norm = instance.exports.norm as (z: number, w: number, dims: number) => number;
  const all = new Float64Array(memory.buffer, 0, zLength + entries);
  for (let c = 0, at = zLength; c < dims; c++) {
    for (let r = 0; r <= c; r++) all[at + r] = whitening[r * dims + c];
    at += padded(c + 1);
  }
  const wByte = 8 * zLength;
  return {
    z: all.subarray(0, dims),
    squaredNorm: () => norm(0, wByte, dims),
  };
}

/**
 * The module: memory of `pages` pages and norm(z, w, dims) → f64, z and w byte offsets.
 *   for c in 0..dims: n = 8·((c + 4) & −4); acc = Σ over r in 0..n step 32 bytes of
 *   z[r..r+4) · w[r..r+4) in two f64x2 accumulators; y = lanes summed; sum += y²; w += n
 */
function moduleBytes(pages: number): Uint8Array<ArrayBuffer> {
  const zero128 = new Array(16).fill(0);
  const body = [
    0x03,
    0x04,
    0x7f,
    0x02,
    0x7b,
    0x02,
    0x7c, // locals: 3–6 i32 (c n r wp), 7–8 v128, 9–10 f64
    0x20,
    0x01,
    0x21,
    0x06, // wp = w
    0x02,
    0x40,
    0x03,
    0x40, // block, loop (columns)
    0x20,
    0x03,
    0x20,
    0x02,
    0x4f,
    0x0d,
    0x01, // c ≥ dims: done
    0x20,
    0x03,
    0x41,
    0x04,
    0x6a,
    0x41,
    0x7c,
    0x71,
    0x41,
    0x03,
    0x74,
    0x21,
    0x04, // n
    0xfd,
    0x0c,
    ...zero128,
    0x21,
    0x07, // acc0 = 0
    0xfd,
    0x0c,
    ...zero128,
    0x21,
    0x08, // acc1 = 0
    0x41,
    0x00,
    0x21,
    0x05, // r = 0
    0x02,
    0x40,
    0x03,
    0x40, // block, loop (rows)
    0x20,
    0x05,
    0x20,
    0x04,
    0x4f,
    0x0d,
    0x01, // r ≥ n: done
    0x20,
    0x07, // acc0 += z[r..r+2) · w[r..r+2)
    0x20,
    0x00,
    0x20,
    0x05,
    0x6a,
    0xfd,
    0x00,
    0x03,
    0x00,
    0x20,
    0x06,
    0x20,
    0x05,
    0x6a,
    0xfd,
    0x00,
    0x03,
    0x00,
    0xfd,
    0xf2,
    0x01,
    0xfd,
    0xf0,
    0x01,
    0x21,
    0x07,
    0x20,
    0x08, // acc1 += z[r+2..r+4) · w[r+2..r+4)
    0x20,
    0x00,
    0x20,
    0x05,
    0x6a,
    0xfd,
    0x00,
    0x03,
    0x10,
    0x20,
    0x06,
    0x20,
    0x05,
    0x6a,
    0xfd,
    0x00,
    0x03,
    0x10,
    0xfd,
    0xf2,
    0x01,
    0xfd,
    0xf0,
    0x01,
    0x21,
    0x08,
    0x20,
    0x05,
    0x41,
    0x20,
    0x6a,
    0x21,
    0x05, // r += 32
    0x0c,
    0x00,
    0x0b,
    0x0b, // next row; end loop, block
    0x20,
    0x07,
    0x20,
    0x08,
    0xfd,
    0xf0,
    0x01,
    0x21,
    0x07, // acc0 += acc1
    0x20,
    0x07,
    0xfd,
    0x21,
    0x00,
    0x20,
    0x07,
    0xfd,
    0x21,
    0x01,
    0xa0,
    0x21,
    0x0a, // y
    0x20,
    0x09,
    0x20,
    0x0a,
    0x20,
    0x0a,
    0xa2,
    0xa0,
    0x21,
    0x09, // sum += y²
    0x20,
    0x06,
    0x20,
    0x04,
    0x6a,
    0x21,
    0x06, // wp += n
    0x20,
    0x03,
    0x41,
    0x01,
    0x6a,
    0x21,
    0x03, // c += 1
    0x0c,
    0x00,
    0x0b,
    0x0b, // next column; end loop, block
    0x20,
    0x09,
    0x0b, // return sum
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
    ...section(1, [0x01, 0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x01, 0x7c]), // (i32 i32 i32) → f64
    ...section(3, [0x01, 0x00]), // one function of type 0
    ...section(5, [0x01, 0x00, ...uleb(pages)]), // one memory, min pages
    ...section(7, [0x02, ...name("memory"), 0x02, 0x00, ...name("norm"), 0x00, 0x00]),
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
