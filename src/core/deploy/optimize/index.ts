/** Graph optimization, int8 weight quantization and float16 conversion of ONNX models. */
export { optimizeModel, ortOptimize, type OptimizeOptions, type OptimizeResult, type OptimizeSummary, type OptimizationLevel, type QuantizeMode } from './optimize';
export { quantizeInt8, quantizeSymmetric, type QuantizeInt8Options, type QuantizeInt8Report, type QuantizedWeight } from './quantizeInt8';
export { convertFloat16, DEFAULT_FP16_BLOCK_OPS, type Float16Options, type Float16Report } from './float16';
export { toFloat16Bits, fromFloat16Bits } from './tensors';
