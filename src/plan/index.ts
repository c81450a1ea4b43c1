/** The planner: SchemaModel + options → Plan (pure). */
export { buildPlan, type PlanOptions } from './build-plan.js'
export { insertOrder, tableKey, type InsertOrder, type FkCycle } from './insert-order.js'
export { domainSize } from './domain.js'
