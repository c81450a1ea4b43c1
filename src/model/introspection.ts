import type { SchemaModel } from './schema.js'
import type { Issue } from '../errors.js'

/** What both a live database and a DDL file give: the model plus warnings about what was skipped. */
export interface Introspection {
  model: SchemaModel
  issues: Issue[]
}
