import type { Command } from 'commander'
import { TdgError } from '../../errors.js'
import { exampleHelp } from '../help.js'
import type { CliIo } from '../io.js'
import { withConfig } from '../with-config.js'

interface IntrospectOptions {
  schema?: string
  db?: string
  dialect?: string
  json?: boolean
  ddl?: string
  config?: string
}

/** `tdg introspect (--schema FILE [--dialect D] | --db URL) [--json | --ddl DIALECT]`: print the schema model (or it as DDL). */
export function registerIntrospect(program: Command, io: CliIo): void {
  program
    .command('introspect')
    .description('read a schema from a DDL file or a live database and print its tables, keys, checks and FK order')
    .option('--schema <file>', 'DDL file (PostgreSQL, MySQL/MariaDB, SQL Server, SQLite)')
    .option('--db <url>', 'database URL: postgres://…, mysql://…, mssql://…, sqlite:./app.db')
    .option('--dialect <name>', 'dialect of the --schema file (default: detected)')
    .option('--json', 'print the schema model as JSON')
    .option('--ddl <dialect>', 'print the schema as CREATE statements for postgres|mysql|sqlite|mssql (what cannot be carried over is noted on stderr)')
    .addHelpText('after', exampleHelp('tdg introspect --db postgres://user:pass@localhost:5432/app --json'))
    .option('--config <file>', 'config file (default: .tdgrc* / tdg.config.* / package.json#tdg, searched upwards)')
    .action(async (flags: IntrospectOptions) => {
      const opts = await withConfig(flags)
      if (!opts.schema === !opts.db) throw new TdgError('TDG_USAGE', 'introspect needs exactly one of --schema <file> or --db <url>')
      if (opts.dialect && opts.db) throw new TdgError('TDG_USAGE', '--dialect applies to --schema files only; a --db URL names its dialect')
      const source = opts.schema ? { kind: 'file' as const, path: opts.schema, dialect: opts.dialect } : { kind: 'db' as const, url: opts.db! }
      // What the run needs is loaded now, not when the CLI starts (see commands/index.ts).
      const [{ loadSchema }, { dialectByName }, { insertOrder }, { formatModel }] = await Promise.all([
        import('../../compose/load-schema.js'),
        import('../../../adapters/index.js'),
        import('../../plan/insert-order.js'),
        import('../format-model.js'),
      ])
      const loaded = await loadSchema(source)
      if (opts.ddl) {
        if (opts.json) throw new TdgError('TDG_USAGE', '--ddl and --json are exclusive: --ddl prints SQL')
        const { dialect } = await dialectByName(opts.ddl).load()
        const rendered = dialect.renderSchema?.(loaded.model)
        if (!rendered) throw new TdgError('TDG_DIALECT_UNSUPPORTED', `no DDL rendering for dialect '${dialect.id}' yet`)
        if (loaded.note) io.err(`tdg: ${loaded.note}\n`)
        for (const n of rendered.notes) io.err(`tdg: note: ${n.message}\n`)
        io.out(rendered.statements.map((st) => `${st};\n`).join('\n'))
        return
      }
      const order = insertOrder(loaded.model)
      if (opts.json) {
        io.out(JSON.stringify({ ...loaded.model, insertOrder: order.order, cycles: order.cycles, issues: loaded.issues }, null, 2) + '\n')
      } else {
        if (loaded.note) io.err(`tdg: ${loaded.note}\n`)
        io.out(formatModel(loaded.model, order, loaded.issues))
      }
    })
}
