/**
 * The Parquet options of every command that writes files (`generate`, `export`): one definition of
 * `--compression`, `--row-group-size` and `--max-rows-per-file`, and the check that they come with
 * `--format parquet` only.
 */
import { Option, type Command } from 'commander'
import { TdgError } from '../errors.js'
import { PARQUET_COMPRESSIONS, type ParquetCompression, type ParquetOptions } from '../sinks/parquet/options.js'
import { parseRowLimit } from './run-options.js'

/** The flags as commander gives them. */
export interface ParquetFlags {
  compression?: ParquetCompression
  rowGroupSize?: number
  maxRowsPerFile?: number
}

/** Add the three options to `cmd`. */
export function addParquetOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--compression <codec>', 'parquet page compression: snappy | zstd | none; default snappy').choices([...PARQUET_COMPRESSIONS]))
    .option('--row-group-size <rows>', 'parquet: rows per row group at most (default 1000000; a group also closes at ~16 MB of values)', (v: string) => parseRowLimit(v, '--row-group-size'))
    .option('--max-rows-per-file <rows>', 'parquet: split each table into parts of at most this many rows (NNN-table.part-0001.parquet, …)', (v: string) => parseRowLimit(v, '--max-rows-per-file'))
}

/** The Parquet options for `format`; TDG_USAGE when one is given with another format. */
export function parquetOptionsOf(format: string, flags: ParquetFlags): { parquet?: ParquetOptions } {
  const given = (['compression', 'rowGroupSize', 'maxRowsPerFile'] as const).filter((k) => flags[k] !== undefined)
  if (format !== 'parquet') {
    if (given.length > 0) throw new TdgError('TDG_USAGE', `--${given[0]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} applies to --format parquet only`)
    return {}
  }
  return {
    parquet: {
      ...(flags.compression ? { compression: flags.compression } : {}),
      ...(flags.rowGroupSize ? { rowGroupSize: flags.rowGroupSize } : {}),
      ...(flags.maxRowsPerFile ? { maxRowsPerFile: flags.maxRowsPerFile } : {}),
    },
  }
}
