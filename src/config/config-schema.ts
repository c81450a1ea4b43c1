import { z } from 'zod'

/**
 * Every config key, as in tdgrc.example.json and the README. All optional; CLI flags override each.
 * Keys named like the CLI flags they default (camelCase of `--rows-per-table` is `rowsPerTable`).
 */
export const configSchema = z.strictObject({
  /** Database URL: the target of `seed`, the source of `introspect`/`plan`/`generate` without `schema`. */
  db: z.string().min(1).optional(),
  /** DDL file describing the tables. */
  schema: z.string().min(1).optional(),
  /** Dialect of `schema` (default: detected). */
  dialect: z.string().min(1).optional(),
  /** Rule file (YAML or JSON). */
  rules: z.string().min(1).optional(),
  /** Rows for every table. */
  rows: z.number().int().nonnegative().optional(),
  /** Per-table row counts. */
  rowsPerTable: z.record(z.string(), z.number().int().nonnegative()).optional(),
  /** Seed for deterministic output. */
  seed: z.union([z.number().int(), z.string().min(1)]).optional(),
  /** Where generated time ends (`--now`): YYYY-MM-DD or an ISO timestamp; default today (UTC). */
  now: z.string().min(1).optional(),
  /** Output directory of `generate`. */
  output: z.string().min(1).optional(),
  /** Output format of `generate`. */
  format: z.enum(['csv', 'json', 'ndjson', 'sql', 'parquet']).optional(),
  /** Parquet page compression of `generate --format parquet`: snappy (default), zstd, none. */
  compression: z.enum(['snappy', 'zstd', 'none']).optional(),
  /** Parquet rows per row group at most (default 1000000). */
  rowGroupSize: z.number().int().positive().optional(),
  /** Parquet: split each table into parts of at most this many rows. */
  maxRowsPerFile: z.number().int().positive().optional(),
  /** Rows per generated batch. */
  batchSize: z.number().int().positive().optional(),
  /** Share of NULLs in nullable columns, in [0, 1). */
  nullRate: z.number().min(0).lt(1).optional(),
  /** Faker locale of names, addresses, phones (`de`, `pt_BR`, …); default `en`. */
  locale: z.string().min(1).optional(),
  /** tdg's state store (audit log, later jobs): a SQLite file path, `postgres://…` or `mysql://…`; default `~/.tdg/state.db`. */
  state: z.string().min(1).optional(),
  /**
   * `tdg serve`: what jobs may touch. `allow.db`: URL patterns (`*` any text, matched against the URL
   * with its password replaced by `***`); `allow.output`: local directories a generate job may write
   * into. An absent list allows nothing.
   */
  serve: z
    .strictObject({
      allow: z.strictObject({ db: z.array(z.string().min(1)).optional(), output: z.array(z.string().min(1)).optional() }).optional(),
    })
    .optional(),
})

export type TdgConfig = z.infer<typeof configSchema>

/** Config keys, for messages and docs. */
export const CONFIG_KEYS = Object.keys(configSchema.shape) as Array<keyof TdgConfig>
