import type { Command } from 'commander'
import { redactUrl } from '../../adapter/redact-url.js'
import { exampleHelp } from '../help.js'
import type { CliIo } from '../io.js'

/** `tdg config [--config FILE]`: the resolved config (file found, `${ENV}` filled) with secrets redacted. */
export function registerConfig(program: Command, io: CliIo): void {
  program
    .command('config')
    .description('print the resolved configuration (which file, ${ENV} filled in) with passwords redacted')
    .option('--config <file>', 'config file (default: searched upwards from here)')
    .addHelpText('after', exampleHelp('tdg config --config .tdgrc.json'))
    .action(async (flags: { config?: string }) => {
      const { loadConfig } = await import('../../config/load-config.js')
      const { config, file } = await loadConfig({ explicitPath: flags.config })
      const shown = { ...config, ...(config.db !== undefined ? { db: redactUrl(config.db) } : {}), ...(config.state !== undefined ? { state: redactUrl(config.state) } : {}) }
      io.err(file ? `tdg: config from ${file}\n` : 'tdg: no config file found (searched .tdgrc*, tdg.config.*, package.json#tdg)\n')
      io.out(JSON.stringify(shown, null, 2) + '\n')
    })
}
