/**
 * The bad-input corpus: every case, as data (see case.ts for the shape and placeholders). Run and
 * judged by test/e2e/bad-input.test.ts. Add a broken DDL file to test/bad-input/ or a rules file to
 * test/bad-input/rules/ and it is a case; other cases live in cases/<group>.ts.
 */
import type { BadInputCase } from './case.js'
import { configCases } from './cases/config.js'
import { ddlFileCases, ddlWriteCases } from './cases/ddl.js'
import { rulesFileCases, rulesWriteCases } from './cases/rules.js'
import { runtimeCases } from './cases/runtime.js'
import { schemaCases } from './cases/schema.js'
import { urlCases } from './cases/urls.js'
import { usageCases } from './cases/usage.js'
import { maskingCases } from './cases/masking.js'
import { profilingCases } from './cases/profiling.js'
import { exportCases } from './cases/export.js'
import { s3Cases } from './cases/s3.js'

export const badInputCases: BadInputCase[] = [
  ...ddlFileCases,
  ...ddlWriteCases,
  ...rulesFileCases,
  ...rulesWriteCases,
  ...configCases,
  ...usageCases,
  ...urlCases,
  ...schemaCases,
  ...runtimeCases,
  ...maskingCases,
  ...profilingCases,
  ...exportCases,
  ...s3Cases,
]
