/**
 * Statements outside the schema model (functions, views, triggers, grants, extensions, …): each becomes
 * an Issue naming the object kind and name, never an error.
 */
import type { Issue } from '../../errors.js'
import type { Node } from 'libpg-query'
import { nodeAs, nodeType, strings } from './ast.js'

type Rel = { schemaname?: string; relname?: string }
type Any = Record<string, unknown>

const rel = (r: unknown) => {
  const v = r as Rel | undefined
  return v?.relname ? `${v.schemaname ? `${v.schemaname}.` : ''}${v.relname}` : ''
}
const names = (n: unknown) => strings(n as Node[] | undefined).join('.')
const objKind = (k: unknown) => String(k ?? '').replace(/^OBJECT_/, '').toLowerCase().replace(/_/g, ' ')

/** Name of an `object` field: a String, a List of Strings, or ObjectWithArgs. */
function objectName(n: unknown): string {
  const o = n as Any | undefined
  const str = (o?.['String'] as { sval?: string } | undefined)?.sval
  if (str !== undefined) return str
  const list = (o?.['List'] as { items?: Node[] } | undefined)?.items
  if (list) return names(list)
  const owa = o?.['ObjectWithArgs'] as { objname?: Node[] } | undefined
  return owa ? names(owa.objname) : ''
}

/** Statement type → [object kind, name] for the message. */
const DESCRIBE: Record<string, (s: Any) => [string, string]> = {
  CreateFunctionStmt: (s) => [s['is_procedure'] ? 'procedure' : 'function', names(s['funcname'])],
  ViewStmt: (s) => ['view', rel(s['view'])],
  CreateTableAsStmt: (s) => [s['objtype'] === 'OBJECT_MATVIEW' ? 'materialized view' : 'table AS SELECT', rel((s['into'] as Any | undefined)?.['rel'])],
  CreateTrigStmt: (s) => ['trigger', `${String(s['trigname'] ?? '')} on ${rel(s['relation'])}`],
  CreateEventTrigStmt: (s) => ['event trigger', String(s['trigname'] ?? '')],
  CreateExtensionStmt: (s) => ['extension', String(s['extname'] ?? '')],
  GrantStmt: (s) => [s['is_grant'] ? 'GRANT' : 'REVOKE', objKind(s['objtype'])],
  GrantRoleStmt: (s) => [s['is_grant'] ? 'GRANT' : 'REVOKE', 'role'],
  AlterDefaultPrivilegesStmt: () => ['ALTER DEFAULT PRIVILEGES', ''],
  CreatePolicyStmt: (s) => ['policy', `${String(s['policy_name'] ?? '')} on ${rel(s['table'])}`],
  RuleStmt: (s) => ['rule', `${String(s['rulename'] ?? '')} on ${rel(s['relation'])}`],
  AlterOwnerStmt: (s) => [`${objKind(s['objectType'])} OWNER TO`, objectName(s['object'])],
  CreatePublicationStmt: (s) => ['publication', String(s['pubname'] ?? '')],
  CreateSubscriptionStmt: (s) => ['subscription', String(s['subname'] ?? '')],
  DefineStmt: (s) => [objKind(s['kind']), names(s['defnames'])],
  CompositeTypeStmt: (s) => ['composite type', rel(s['typevar'])],
  CreateRangeStmt: (s) => ['range type', names(s['typeName'])],
  CreateForeignTableStmt: (s) => ['foreign table', rel((s['base'] as Any | undefined)?.['relation'])],
  CreateStatsStmt: (s) => ['statistics', names(s['defnames'])],
  CreateRoleStmt: (s) => ['role', String(s['role'] ?? '')],
  CreateCastStmt: () => ['cast', ''],
  CreateOpClassStmt: (s) => ['operator class', names(s['opclassname'])],
  CreateFdwStmt: (s) => ['foreign data wrapper', String(s['fdwname'] ?? '')],
  CreateForeignServerStmt: (s) => ['server', String(s['servername'] ?? '')],
  DoStmt: () => ['DO block', ''],
  AlterFunctionStmt: () => ['ALTER FUNCTION', ''],
  RenameStmt: (s) => [`ALTER ${objKind(s['renameType']).toUpperCase()} RENAME`, rel(s['relation'])],
  AlterObjectSchemaStmt: (s) => [`ALTER ${objKind(s['objectType']).toUpperCase()} SET SCHEMA`, rel(s['relation'])],
}

/** Statement kinds that are data or session control, not schema: skipped without a per-statement Issue. */
export const DATA_STATEMENTS = new Set(['InsertStmt', 'CopyStmt', 'UpdateStmt', 'DeleteStmt', 'TruncateStmt', 'MergeStmt'])
export const QUIET_STATEMENTS = new Set(['TransactionStmt', 'VariableShowStmt', 'CheckPointStmt', 'VacuumStmt', 'AnalyzeStmt', 'LockStmt', 'DiscardStmt'])

/** The Issue (without location) for a skipped statement. */
export function skippedIssue(stmt: Node): Pick<Issue, 'code' | 'message'> {
  const type = nodeType(stmt)
  const describe = DESCRIBE[type]
  if (describe) {
    const [kind, name] = describe(nodeAs<Any>(stmt, type) ?? {})
    return { code: 'OBJECT_SKIPPED', message: `${kind}${name ? ` ${name}` : ''} skipped: not part of the data model` }
  }
  return { code: 'DDL_SKIPPED', message: `${type.replace(/Stmt$/, '')} statement skipped` }
}
