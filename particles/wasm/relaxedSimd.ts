/**
 * Whether this platform runs WebAssembly relaxed SIMD (`f64x2.relaxed_madd`, the fused multiply-add
 * of the kernels' fused variants). On by default from Node 22 (V8 12); on Node 20 behind V8's
 * `--experimental-wasm-relaxed-simd`, which can be set at run time before a module is compiled (and
 * then holds for workers started later; NODE_OPTIONS refuses it), so it is set here if needed.
 */
import { setFlagsFromString } from 'node:v8';

/** `(module (func (param v128 v128 v128) (result v128) (f64x2.relaxed_madd (local.get 0) (local.get 1) (local.get 2))))`, assembled by wabt. */
export const RELAXED_SIMD_PROBE = Buffer.from('AGFzbQEAAAABCAFgA3t7ewF7AwIBAAoNAQsAIAAgASAC/YcCCw==', 'base64');

let known: boolean | undefined;

/** True when `f64x2.relaxed_madd` validates here, after setting V8's flag where that is what it takes. */
export function relaxedSimdAvailable(): boolean {
  if (known !== undefined) return known;
  if (!WebAssembly.validate(RELAXED_SIMD_PROBE)) {
    try {
      setFlagsFromString('--experimental-wasm-relaxed-simd');
    } catch {
      // an engine without the flag: the plain kernels are used
    }
  }
  known = WebAssembly.validate(RELAXED_SIMD_PROBE);
  return known;
}
