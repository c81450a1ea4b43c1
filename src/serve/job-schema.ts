import { z } from 'zod'
import { configSchema } from '../config/config-schema.js'

/**
 * The bodies of `POST /v1/jobs`, one per kind. Every option a config key also names is that key's own
 * zod definition (picked from `configSchema`), so the API, the config and the OpenAPI document cannot
 * drift; only options the config has no key for (`create`, `truncate`, `force`) are defined here.
 */
const generation = configSchema.pick({ rules: true, rows: true, rowsPerTable: true, seed: true, now: true, batchSize: true, nullRate: true, locale: true }).shape

/** Options of the pair `--tables`: only these tables (parents they need are added). */
const tables = z.array(z.string().min(1)).min(1).optional().describe('only these tables (parents they need are added)')

/** `kind: seed`: fill a live database (`tdg seed`). */
export const seedJobSchema = z.strictObject({
  kind: z.literal('seed'),
  db: configSchema.shape.db.unwrap().describe('target database URL (must match serve.allow.db)'),
  schema: configSchema.shape.schema.describe('DDL file on the server describing the tables (with create: executed first when they do not exist)'),
  create: z.boolean().optional().describe('execute the schema DDL first when its tables do not exist (SQLite files are created)'),
  truncate: z.boolean().optional().describe("empty the plan's tables first, in the same transaction"),
  tables,
  ...generation,
  shards: z.number().int().min(1).max(256).optional().describe('fan the seed out as this many shard jobs per phase on the queue (docs/sharding.md; needs seed and now); the job is ok when every shard of every phase is'),
  shardRetries: z.number().int().min(0).max(10).optional().describe('with shards: how many more times a failed shard job runs, alone (default 1)'),
  shard: z.string().regex(/^\d+\/\d+$/).optional().describe('write only shard i/N of one phase (the CLI\'s --shard; needs phase, seed and now)'),
  phase: z.string().min(1).optional().describe("with shard: the phase to write ('1', '2', …, 'finish')"),
})

/** `kind: generate`: write files into a local directory (`tdg generate`). */
export const generateJobSchema = z.strictObject({
  kind: z.literal('generate'),
  schema: configSchema.shape.schema.describe('DDL file on the server (one of schema or db)'),
  db: configSchema.shape.db.describe('read the schema from this live database (must match serve.allow.db)'),
  dialect: configSchema.shape.dialect,
  output: configSchema.shape.output.unwrap().describe('local output directory inside one of serve.allow.output; replaced as a whole when the job succeeds'),
  format: configSchema.shape.format,
  compression: configSchema.shape.compression,
  rowGroupSize: configSchema.shape.rowGroupSize,
  maxRowsPerFile: configSchema.shape.maxRowsPerFile,
  force: z.boolean().optional().describe('replace the output directory even when it holds files that are not tdg output'),
  tables,
  ...generation,
})

/** `kind: export`: a live database's tables into a local directory, optionally masked (`tdg export`). */
export const exportJobSchema = z.strictObject({
  kind: z.literal('export'),
  db: configSchema.shape.db.unwrap().describe('source database URL, read only, in one snapshot (must match serve.allow.db)'),
  output: configSchema.shape.output.unwrap().describe('local output directory inside one of serve.allow.output; replaced as a whole when the job succeeds'),
  format: configSchema.shape.format,
  compression: configSchema.shape.compression,
  rowGroupSize: configSchema.shape.rowGroupSize,
  maxRowsPerFile: configSchema.shape.maxRowsPerFile,
  tables: z.array(z.string().min(1)).min(1).optional().describe('only these tables (their FK parents are not added)'),
  where: z.array(z.string().min(1)).optional().describe('rows to keep of one table each: "orders:order_date >= \'1998-01-01\'" (source SQL)'),
  rules: configSchema.shape.rules.describe('masking rules file on the server (tables.<t>.columns.<c>.mask, match[].mask); the key is the server\'s TDG_MASK_KEY'),
  maskSensitive: z.boolean().optional().describe('mask every column PII detection flags and no rule covers, with the detected masker'),
  allowUnmapped: z.boolean().optional().describe('with masking: write flagged columns that have no masker unmasked instead of refusing'),
  force: z.boolean().optional().describe('replace the output directory even when it holds files that are not tdg output'),
  batchSize: configSchema.shape.batchSize,
})

/** Masking options shared by clone and mask jobs (the CLI's `--rules`, `--mask-sensitive`, `--allow-unmapped`). */
const masking = {
  rules: configSchema.shape.rules.describe('masking rules file on the server (tables.<t>.columns.<c>.mask, match[].mask); the key is the server\'s TDG_MASK_KEY'),
  maskSensitive: z.boolean().optional().describe('mask every column PII detection flags and no rule covers, with the detected masker'),
  allowUnmapped: z.boolean().optional().describe('leave flagged columns that have no masker unmasked instead of refusing'),
  batchSize: configSchema.shape.batchSize,
}

/** `kind: clone`: copy a database into another, masked and optionally subset (`tdg clone`). */
export const cloneJobSchema = z.strictObject({
  kind: z.literal('clone'),
  from: configSchema.shape.db.unwrap().describe('source database URL, read only, in one snapshot (must match serve.allow.db)'),
  to: configSchema.shape.db.unwrap().describe('target database URL (must match serve.allow.db)'),
  ...masking,
  subset: z.array(z.string().min(1)).optional().describe("rows to keep: 'customers:5%', 'customers:limit 100', \"orders:where …\""),
  withChildren: z.boolean().optional().describe('with subset: also keep the child rows of kept rows'),
  createSchema: z.boolean().optional().describe("create the source's tables in the target (rendered in the target's dialect)"),
  truncate: z.boolean().optional().describe("empty the target's tables first, in the same transaction"),
  fastLoad: z.boolean().optional().describe('false: keep every index and foreign key in place during the load'),
  verify: z.boolean().optional().describe('run the leak check after the copy (the job fails with TDG_LEAK_FOUND if an original survived)'),
})

/** `kind: mask`: mask a database in place (`tdg mask --yes`); `yes: true` confirms the originals are overwritten. */
export const maskJobSchema = z.strictObject({
  kind: z.literal('mask'),
  db: configSchema.shape.db.unwrap().describe('the database to mask in place (must match serve.allow.db; never production)'),
  yes: z.literal(true).describe('confirm: the originals are overwritten'),
  ...masking,
})

/** `kind: profile`: learn a rules file from a live database (`tdg profile`); rules.yaml and profile.json are its artifacts. */
export const profileJobSchema = z.strictObject({
  kind: z.literal('profile'),
  db: configSchema.shape.db.unwrap().describe('database to profile, read only (must match serve.allow.db)'),
  output: configSchema.shape.output.unwrap().describe('a new or empty local directory inside one of serve.allow.output: rules.yaml and profile.json are written there'),
  sample: z.number().int().positive().optional().describe('rows sampled per table (default 10000); smaller tables are read whole'),
  tables: z.array(z.string().min(1)).min(1).optional().describe('only these tables (name or schema.name)'),
  keepValues: z.boolean().optional().describe('keep categories and ranges of columns detected as personal data (default: withheld)'),
  scale: z.number().positive().optional().describe("row counts of the rules file: the source's counts times scale (default 1)"),
})

/** The body of `POST /v1/jobs`: one of the kinds, told apart by `kind`. */
export const jobRequestSchema = z.discriminatedUnion('kind', [seedJobSchema, generateJobSchema, exportJobSchema, cloneJobSchema, maskJobSchema, profileJobSchema])

export type JobRequest = z.infer<typeof jobRequestSchema>
export type SeedJobRequest = z.infer<typeof seedJobSchema>
export type GenerateJobRequest = z.infer<typeof generateJobSchema>
export type ExportJobRequest = z.infer<typeof exportJobSchema>
export type CloneJobRequest = z.infer<typeof cloneJobSchema>
export type MaskJobRequest = z.infer<typeof maskJobSchema>
export type ProfileJobRequest = z.infer<typeof profileJobSchema>

/** The kinds of job. */
export const JOB_KINDS = ['seed', 'generate', 'export', 'clone', 'mask', 'profile'] as const
export type JobKind = (typeof JOB_KINDS)[number]

/** A job's status: queued → running → ok | failed | cancelled; running → interrupted when its server died. */
export const JOB_STATUSES = ['queued', 'running', 'ok', 'failed', 'cancelled', 'interrupted'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

/** True for a status a job never leaves. */
export function isFinal(status: JobStatus): boolean {
  return status !== 'queued' && status !== 'running'
}

/** Progress of one table. */
export const tableProgressSchema = z.object({ table: z.string(), rows: z.number().int().describe('rows planned'), written: z.number().int(), done: z.boolean() })

/** A job as the API shows it (database URLs without their passwords). */
export const jobSchema = z.object({
  id: z.string().describe('ULID'),
  kind: z.enum(JOB_KINDS),
  status: z.enum(JOB_STATUSES),
  params: z.record(z.string(), z.unknown()).describe('the request body, URLs redacted'),
  createdBy: z.string().describe("the token's name"),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  runId: z.string().optional().describe('the audit record of the run (GET /v1/audit)'),
  progress: z.object({ tables: z.array(tableProgressSchema), rows: z.number().int(), written: z.number().int() }),
  summary: z.object({ seed: z.union([z.number(), z.string()]).optional().describe('seed and generate jobs'), rows: z.number().int(), ms: z.number(), tables: z.array(z.object({ table: z.string(), rows: z.number().int().describe('rows written (masked, for a mask job)'), ms: z.number().optional() })) }).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  parentId: z.string().optional().describe('a shard job: the fanned-out seed job it belongs to'),
  fanout: z
    .object({ shards: z.number().int(), phases: z.array(z.string()), phase: z.string().describe('the phase running (the last one once done)'), tries: z.array(z.number().int()).describe("each shard's runs of this phase") })
    .optional()
    .describe('a fanned-out seed (shards): its shard jobs are listed with GET /v1/jobs/{id}/shards'),
})
export type Job = z.infer<typeof jobSchema>

/** `GET /v1/jobs` query. */
export const jobListQuerySchema = z.strictObject({
  status: z.enum(JOB_STATUSES).optional(),
  kind: z.enum(JOB_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().describe('default 50'),
  cursor: z.string().optional().describe('nextCursor of the previous page'),
})

export const jobListSchema = z.object({ jobs: z.array(jobSchema), nextCursor: z.string().optional() })
