/** The generation engine: index-addressable values for a plan. */
export {
  createRowGenerator,
  generateBatches,
  fixupBatches,
  rowStream,
  fixupStream,
  type RowGenerator,
  type BatchOptions,
} from './row-generator.js'
export { compiledStep, type CompiledColumn, type CompiledStep } from './compile-column.js'
export { streamHash, rand32, uniform, below, mix32, hashString } from './prng.js'
