/** Subsetting: `--subset` specs and the referential closure of the rows a copy keeps (see compute-subset.ts). */
export { computeSubset, type SubsetCount, type SubsetOptions, type SubsetResult, type TableSubset } from './compute-subset.js'
export { parseSubsetSpec, parseWhereSpec, resolveSpecTables, tablesNamed, type SubsetRule, type SubsetSpec } from './spec.js'
export { rowIdentity, type RowIdentity } from './row-key.js'
export { formatSubsetCounts } from './format-counts.js'
