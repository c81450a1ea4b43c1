/**
 * apache-arrow for the Parquet writer, from the package's single-file build (`Arrow.esnext.min.js`, the
 * same library as its entry points): it loads in ~20 ms of CPU where the ES-module entry takes ~250 ms
 * (a few hundred modules to resolve, read and compile) on the writer's thread of every Parquet run.
 * Every tdg module takes Arrow from here, so there is one copy of its classes (`instanceof` checks).
 * Types come from the package as usual (`import type`).
 */
import { createRequire } from 'node:module'
import type * as Arrow from 'apache-arrow'

/** The apache-arrow module. */
export const arrow = createRequire(import.meta.url)('apache-arrow/Arrow.esnext.min') as typeof Arrow
