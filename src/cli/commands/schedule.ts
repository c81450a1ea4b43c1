import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { TdgError } from '../../errors.js'
import { exampleHelp } from '../help.js'
import type { CliIo } from '../io.js'
import { withStore } from './audit.js'

interface AddFlags {
  cron: string
  tz?: string
  job: string
  missed?: string
  jitter?: string
}

/** What the subcommands need, imported when one runs (not at start-up; see commands/index.ts). */
const store = () => import('../../schedule/schedule-store.js')
const cronLib = () => import('../../schedule/cron.js')

/** The job of `--job FILE`: JSON, one POST /v1/jobs body; errors name the file. */
function readJobFile(file: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new TdgError('TDG_FILE_READ', `--job ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read'}`, { file }, { cause: e })
  }
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new TdgError('TDG_SCHEDULE_INVALID', `--job ${file}: not valid JSON (${String((e as Error).message).split('\n')[0]})`, { field: 'job', file })
  }
}

function parseJitter(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d+$/.test(text.trim())) throw new TdgError('TDG_SCHEDULE_INVALID', `--jitter '${text}': expected whole seconds (0 to 3600)`, { field: 'jitterSeconds' })
  return Number(text)
}

function parseMissed(text: string | undefined): 'skip' | 'once' | undefined {
  if (text === undefined) return undefined
  if (text !== 'skip' && text !== 'once') throw new TdgError('TDG_SCHEDULE_INVALID', `--missed '${text}': expected skip or once`, { field: 'missed' })
  return text
}

/** `2026-12-06 03:00:00Z`, or `-`. */
const short = (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '-')

/**
 * `tdg schedule add|list|pause|resume|remove|run`: schedules in the state store (`--state`,
 * TDG_STATE_URL, config `state`), fired by `tdg serve`. `run NAME` runs the job here, in the
 * foreground, once, audited with origin `schedule`.
 */
export function registerSchedule(program: Command, io: CliIo): void {
  const schedule = program.command('schedule').description('schedules that tdg serve fires: add (cron + time zone + a job file), list, pause, resume, remove, run now')
  schedule
    .command('add <name>')
    .description('add a schedule: a cron (five fields, or six with seconds first) in a time zone, firing a job (a POST /v1/jobs body as JSON); prints its next 3 runs')
    .requiredOption('--cron <expr>', 'cron expression, e.g. "0 3 * * *" or "*/30 * * * * *"')
    .option('--tz <zone>', 'IANA time zone the cron is read in (default UTC)')
    .requiredOption('--job <file>', 'JSON file holding the job exactly as POST /v1/jobs takes it')
    .option('--missed <policy>', 'after downtime: skip (default) runs nothing, once runs one catch-up', undefined)
    .option('--jitter <seconds>', 'delay each firing by a fixed pseudo-random [0, seconds)')
    .addHelpText('after', exampleHelp('tdg schedule add nightly-staging --cron "0 3 * * *" --tz Europe/Berlin --job jobs/clone.json'))
    .action(async (name: string, flags: AddFlags, cmd: Command) => {
      const { checkName, checkJob, createSchedule } = await store()
      const { parseCron, checkTimeZone, nextRuns, formatInZone, DEFAULT_TZ } = await cronLib()
      // Everything is checked before the store is opened: a bad input writes nothing.
      checkName(name)
      const tz = checkTimeZone(flags.tz ?? DEFAULT_TZ)
      const cron = parseCron(flags.cron, tz)
      const job = checkJob(readJobFile(flags.job), `--job ${flags.job}:`)
      const missed = parseMissed(flags.missed)
      const jitter = parseJitter(flags.jitter)
      const s = await withStore(cmd, (db) => createSchedule(db, { name, cron: flags.cron, tz, job, ...(missed ? { missed } : {}), ...(jitter !== undefined ? { jitterSeconds: jitter } : {}) }))
      io.out(`schedule '${s.name}' added: ${s.job.kind} job, cron "${s.cron}" in ${s.tz}, missed runs: ${s.missed}${s.jitterSeconds ? `, jitter < ${s.jitterSeconds} s` : ''}\nnext runs:\n`)
      for (const at of nextRuns(cron, 3)) io.out(`  ${formatInZone(at, s.tz)}  (${short(at.toISOString())})\n`)
    })
  schedule
    .command('list')
    .description('every schedule: name, cron, time zone, enabled, last run and outcome, next run')
    .option('--json', 'print as JSON (the API\'s view: jobs redacted)')
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      const { listSchedules, scheduleView } = await store()
      const { formatInZone } = await cronLib()
      const views = (await withStore(cmd, (db) => listSchedules(db))).map((s) => scheduleView(s))
      if (flags.json) return io.out(JSON.stringify(views, null, 2) + '\n')
      if (views.length === 0) return io.out('no schedules (tdg schedule add NAME --cron EXPR --job FILE)\n')
      const rows = [['NAME', 'CRON', 'TZ', 'ENABLED', 'LAST RUN', 'OUTCOME', 'NEXT RUN']]
      for (const v of views) rows.push([v.name, v.cron, v.tz, v.enabled ? 'yes' : 'paused', short(v.lastRunAt), v.lastOutcome ?? '-', v.nextRuns[0] ? formatInZone(new Date(v.nextRuns[0]), v.tz).replace(` ${v.tz}`, '') : '-'])
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
      for (const r of rows) io.out(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ') + '\n')
    })
  for (const [verb, enabled, what] of [['pause', false, 'paused: it fires no more until resumed'], ['resume', true, 'resumed']] as const)
    schedule
      .command(`${verb} <name>`)
      .description(verb === 'pause' ? 'pause a schedule (tdg serve stops firing it within seconds)' : 'resume a paused schedule from its next time on')
      .action(async (name: string, _flags: unknown, cmd: Command) => {
        const { updateSchedule } = await store()
        await withStore(cmd, (db) => updateSchedule(db, name, { enabled }))
        io.out(`schedule '${name}' ${what}\n`)
      })
  schedule
    .command('remove <name>')
    .description('remove a schedule (its jobs and audit records stay)')
    .action(async (name: string, _flags: unknown, cmd: Command) => {
      const { deleteSchedule } = await store()
      await withStore(cmd, (db) => deleteSchedule(db, name))
      io.out(`schedule '${name}' removed\n`)
    })
  schedule
    .command('run <name>')
    .description("run a schedule's job now, once, here in the foreground (progress, exit code as the command's); audited with origin schedule")
    .option('-q, --quiet', 'no progress output')
    .addHelpText('after', exampleHelp('tdg schedule run nightly-staging'))
    .action(async (name: string, flags: { quiet?: boolean }, cmd: Command) => {
      const { runScheduleNow } = await import('../../schedule/run-now.js')
      await withStore(cmd, (db) => runScheduleNow(db, name, io, { quiet: flags.quiet === true }))
    })
}
