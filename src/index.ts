/**
 * tdg's public API. `TestDataGenerator` for programs, `tdgFixtures` for test suites, and the lower-level
 * functions they are built from (schema loading, planning, running a plan, file export).
 */
export { TestDataGenerator, type TestDataGeneratorOptions, type GenerateOptions, type ExportOptions, type SeedCallOptions } from './sdk/test-data-generator.js'
export { tdgFixtures, type FixtureOptions, type Fixtures } from './sdk/fixtures.js'
export { GenerationResult, type RowObject } from './sdk/generation-result.js'
export { loadSchema, type SchemaSource, type LoadedSchema } from './compose/load-schema.js'
export { seedDatabase, type SeedOptions, type SeedResult } from './compose/seed-database.js'
export { generateFiles, type GenerateFilesOptions } from './compose/generate-files.js'
export { buildPlan, type PlanOptions } from './plan/build-plan.js'
export { loadPlanLocales, FAKER_LOCALES } from './generate/locales.js'
export { insertOrder, type InsertOrder } from './plan/insert-order.js'
export { runPlan, type RunOptions, type RunSummary, type RunTarget } from './pipeline/run.js'
export type { ProgressEvent, ProgressListener } from './pipeline/progress.js'
export { openFileTarget, type FileFormat, type FileTarget } from './sinks/file-target.js'
export { runCheck, score, failing, type CheckOptions, type CheckReport, type InvariantReport, type TableData } from './check/run-check.js'
export { checkDataFromDb, checkDataFromDir, type CheckData } from './compose/check-data.js'
export type { AddressReference, Place } from './check/address-reference.js'
export type { InvariantResult, CheckExample } from './check/types.js'
export { loadConfig, type TdgConfig, type LoadedConfig } from './config/load-config.js'
export { TdgError, isTdgError, ERROR_CODES, type ErrorCode, type Issue } from './errors.js'
export type * from './model/index.js'
export type { Adapter, SqlDialect, Writer, DialectId } from './adapter/adapter.js'
