/**
 * Opcodes and value types of the WebAssembly core and SIMD specifications, by their
 * names there, for the kernels assembled in TypeScript.
 */

// Value and block types.
export const I32 = 0x7f;
export const F64 = 0x7c;
export const F32 = 0x7d;
export const V128 = 0x7b;
export const VOID = 0x40;

// Control.
export const BLOCK = 0x02;
export const LOOP = 0x03;
export const IF = 0x04;
export const ELSE = 0x05;
export const END = 0x0b;
export const BR = 0x0c;
export const BR_IF = 0x0d;
export const SELECT = 0x1b;

// Locals.
export const LOCAL_GET = 0x20;
export const LOCAL_SET = 0x21;
export const LOCAL_TEE = 0x22;

// Memory and numeric.
export const I32_LOAD = 0x28;
export const F32_LOAD = 0x2a;
export const F64_LOAD = 0x2b;
export const I32_LOAD8_U = 0x2d;
export const F64_STORE = 0x39;
export const I32_CONST = 0x41;
export const F64_CONST = 0x44;
export const I32_EQZ = 0x45;
export const I32_EQ = 0x46;
export const I32_LT_S = 0x48;
export const I32_LT_U = 0x49;
export const I32_GE_U = 0x4f;
export const I32_LE_U = 0x4d;
export const F32_NE = 0x5c;
export const F32_LT = 0x5d;
export const F64_NE = 0x62;
export const I32_ADD = 0x6a;
export const I32_SUB = 0x6b;
export const I32_MUL = 0x6c;
export const I32_AND = 0x71;
export const I32_OR = 0x72;
export const I32_SHL = 0x74;
export const I32_SHR_U = 0x76;
export const F64_ADD = 0xa0;
export const F64_SUB = 0xa1;

// The SIMD prefix and its instructions.
export const SIMD = 0xfd;
export const V128_LOAD: readonly number[] = [SIMD, 0x00];
export const V128_LOAD64_SPLAT: readonly number[] = [SIMD, 0x0a];
export const V128_STORE: readonly number[] = [SIMD, 0x0b];
export const V128_CONST: readonly number[] = [SIMD, 0x0c];
export const F64X2_ADD: readonly number[] = [SIMD, 0xf0, 0x01];
export const F64X2_MUL: readonly number[] = [SIMD, 0xf2, 0x01];
export const F64X2_EXTRACT_LANE: readonly number[] = [SIMD, 0x21];
