/**
 * WebAssembly kernels are assembled in TypeScript from their instructions; this folder
 * holds the binary encodings they are written in.
 */
export { MODULE_HEADER, name, section, sleb, uleb } from "./encoding.ts";
export * as opcodes from "./opcodes.ts";
