/**
 * fast-check arbitraries of request bodies as bytes and their headers for API fuzzing:
 * valid JSON mostly, otherwise duplicate keys, literals JSON does not allow, truncation,
 * invalid UTF-8, UTF-16, random bytes, deep nesting or an oversized body; odd content
 * types, lengths and encodings; whole or in chunks.
 */
import fc from "fast-check";
import type { FuzzSpace } from "./fuzz_requests.ts";

const UTF8 = new TextEncoder();

const LITERALS = [
  "NaN",
  "Infinity",
  "-Infinity",
  "1e999",
  "-1e999",
  "-0",
  "1E400",
  "0x1F",
  "007",
  ".5",
  "+1",
  "123456789012345678901234567890",
  "undefined",
  "'x'",
  "true",
  "null",
  '"\\u0000"',
  '"\\ud800"',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
];

/** Serialises `value` to bytes: validly mostly, otherwise broken in one of many ways. */
export function serialised(
  value: fc.Arbitrary<unknown>,
  space: FuzzSpace,
): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  const keys = [...space.columns.map((c) => c.name), "rows", "explain", "__proto__"];
  return fc.tuple(
    value,
    fc.nat({ max: 29 }),
    fc.nat(),
    fc.constantFrom(...keys),
    fc.constantFrom(...LITERALS),
  ).map(([value, variant, at, key, literal]) => {
    const text = JSON.stringify(value) ?? "null";
    const cut = text.length === 0 ? 0 : at % text.length;
    switch (variant) {
      case 0:
        return UTF8.encode(JSON.stringify(value, null, 2) ?? "null");
      case 1:
        return UTF8.encode("\ufeff" + text);
      case 2:
      case 3:
        // A duplicate (later, so winning) key or a literal JSON does not allow.
        return UTF8.encode(
          text.endsWith("}") && text.length > 2
            ? `${text.slice(0, -1)},${JSON.stringify(key)}:${literal}}`
            : `{${JSON.stringify(key)}:${literal}}`,
        );
      case 4:
        return UTF8.encode(text.slice(0, cut));
      case 5: {
        const bytes = UTF8.encode(text);
        const bad =
          [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80]][
            at % 5
          ];
        const i = bytes.length === 0 ? 0 : at % bytes.length;
        return Uint8Array.from([...bytes.subarray(0, i), ...bad, ...bytes.subarray(i)]);
      }
      case 6: {
        const out = new Uint8Array(text.length * 2);
        for (let i = 0; i < text.length; i++) {
          out[2 * i] = text.charCodeAt(i) & 0xff;
          out[2 * i + 1] = text.charCodeAt(i) >> 8;
        }
        return out;
      }
      case 7:
        return Uint8Array.from({ length: at % 97 }, (_, i) => (at * 31 + i * 17) & 0xff);
      case 8:
        return new Uint8Array(0);
      case 9: {
        const depth = 1 + (at % 60_000);
        return UTF8.encode(
          at % 2 === 0
            ? "[".repeat(depth) + "]".repeat(depth)
            : '{"a":'.repeat(depth) + "1" + "}".repeat(depth),
        );
      }
      case 10:
        return UTF8.encode("x".repeat(space.maxBodyBytes + 1));
      default:
        return UTF8.encode(text);
    }
  });
}

const CONTENT_TYPES = [
  "application/json; charset=utf-8",
  "Application/JSON",
  "  application/json  ",
  "application/json;charset=utf-16",
  "application/json;;;",
  "text/plain",
  "text/json",
  "application/jsonx",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json, text/plain",
  "*/*",
];

/** Headers of a JSON body: a content type (mostly JSON), sometimes a length, an encoding. */
export function bodyHeaders(space: FuzzSpace, size: number): fc.Arbitrary<Record<string, string>> {
  return fc.tuple(
    fc.oneof(
      { weight: 12, arbitrary: fc.constant("application/json") },
      { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
      { weight: 1, arbitrary: fc.constant(undefined) },
    ),
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(undefined) },
      { weight: 2, arbitrary: fc.constant(String(size)) },
      { weight: 1, arbitrary: fc.constantFrom(String(space.maxBodyBytes + 1), "abc", "1e3", "-1") },
    ),
    fc.option(fc.constantFrom("gzip", "br", "identity", "x-nonsense"), { nil: undefined, freq: 9 }),
  ).map(([type, length, encoding]) => {
    const headers: Record<string, string> = {};
    if (type !== undefined) headers["content-type"] = type;
    if (length !== undefined) headers["content-length"] = length;
    if (encoding !== undefined) headers["content-encoding"] = encoding;
    return headers;
  });
}

/** Splits `size` bytes into 1 to 6 chunks (some empty), or none for a whole body. */
export function chunking(size: number): fc.Arbitrary<number[] | undefined> {
  return fc.option(
    fc.array(fc.nat({ max: size }), { minLength: 0, maxLength: 5 }).map((cuts) => {
      const points = [0, ...cuts.sort((a, b) => a - b), size];
      return points.slice(1).map((p, i) => p - points[i]);
    }),
    { nil: undefined, freq: 3 },
  );
}
