export type * from './schema.js'
export type * from './rows.js'
export type * from './introspection.js'
export type * from './plan.js'
