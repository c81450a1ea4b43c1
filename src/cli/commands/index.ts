/**
 * Every command of the CLI, in the order `tdg --help` lists them. Adding a command is one import and one
 * entry here. A command module registers its name, options and help text only: whatever its action
 * needs (compose/, adapters, faker, parsers, zod schemas, ora) it imports inside the action, so
 * `tdg --help` and every other command start without loading it (see docs/architecture.md, start-up).
 */
import type { Command } from 'commander'
import type { CliIo } from '../io.js'
import { registerIntrospect } from './introspect.js'
import { registerSeed } from './seed.js'
import { registerPlan } from './plan.js'
import { registerConfig } from './config.js'
import { registerCheck } from './check.js'
import { registerClone } from './clone.js'
import { registerMask } from './mask.js'
import { registerLeakCheck } from './leak-check.js'
import { registerGenerate } from './generate.js'
import { registerScanPii } from './scan-pii.js'
import { registerReport } from './report.js'
import { registerProfile } from './profile.js'
import { registerExport } from './export.js'
import { registerAudit } from './audit.js'
import { registerServe } from './serve.js'
import { registerToken } from './token.js'
import { registerSchedule } from './schedule.js'

/** Registers one command (with its options and help) on the program; its action is where work starts. */
export type RegisterCommand = (program: Command, io: CliIo) => void

export const COMMANDS: RegisterCommand[] = [
  registerIntrospect,
  registerSeed,
  registerPlan,
  registerConfig,
  registerCheck,
  registerClone,
  registerMask,
  registerLeakCheck,
  registerGenerate,
  registerScanPii,
  registerReport,
  registerProfile,
  registerExport,
  registerAudit,
  registerServe,
  registerToken,
  registerSchedule,
]
