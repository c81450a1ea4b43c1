/**
 * File names for exported tables: `001-<table>.<ext>`, where the number is the insert order so that
 * `cat dir/*.sql` runs in FK order, and `<table>` is the name made safe for file systems, qualified as
 * `<schema>.<table>` when the table is not in the dialect's default schema (so two schemas never collide).
 */
import type { TableRef } from '../model/schema.js'

/** `schema.name`, or `name` when the table has no schema: how manifests and messages name a table. */
export function tableLabel(ref: TableRef): string {
  return ref.schema ? `${ref.schema}.${ref.name}` : ref.name
}

// Path separators, NUL and control characters cannot (or should not) appear in file names; the
// Windows-reserved punctuation is included so an export copies to any file system. `%` is escaped too,
// which keeps the mapping one-to-one: two different names never give the same file name.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f/\\:*?"<>|%]/g

/**
 * Make a name safe as one path segment: unsafe characters become `%XX` (their UTF-16 code unit in hex),
 * deterministically; everything else, unicode included, is kept. A name that would be `.`/`..` or end in
 * a dot or space (which Windows drops) gets that last character escaped too.
 */
export function safeFileName(name: string): string {
  let s = name.replace(UNSAFE, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
  if (s === '') return '%'
  const last = s[s.length - 1] as string
  if (last === '.' || last === ' ') s = `${s.slice(0, -1)}%${last.charCodeAt(0).toString(16).toUpperCase()}`
  return s
}

/**
 * Width of the order prefix: 3 digits, more when a schema has so many tables that `999` (the fixups
 * file) or the table numbers would not fit, so names still sort in load order.
 */
export function orderWidth(tableCount: number): number {
  return Math.max(3, String(tableCount + 1).length)
}

/**
 * `001-users.csv`: order padded to `width`, safe table name, extension. The schema is left out when it is
 * `defaultSchema` (the dialect's: `public`, `dbo`, `main`) or absent, kept otherwise: `002-audit.users.csv`.
 */
export function orderedFileName(order: number, width: number, ref: TableRef, ext: string, defaultSchema?: string): string {
  const name = ref.schema === undefined || ref.schema === defaultSchema ? ref.name : tableLabel(ref)
  return `${String(order).padStart(width, '0')}-${safeFileName(name)}.${ext}`
}
