/**
 * The S3 options of every command that writes files (`generate`, `export`): one definition of
 * `--s3-endpoint` and `--s3-region`, and the S3Options they make (undefined when neither is given: the
 * AWS environment decides).
 */
import type { Command } from 'commander'
import type { S3Options } from '../sinks/output-target.js'

/** The flags as commander gives them. */
export interface S3Flags {
  s3Endpoint?: string
  s3Region?: string
}

/** Add the two options to `cmd`. */
export function addS3Options(cmd: Command): Command {
  return cmd
    .option('--s3-endpoint <url>', 'S3-compatible endpoint for s3:// outputs, path-style (default AWS_ENDPOINT_URL, else AWS)')
    .option('--s3-region <region>', 'region for s3:// outputs (default AWS_REGION, else us-east-1)')
}

/** The S3 options the flags give. */
export function s3OptionsOf(flags: S3Flags): S3Options | undefined {
  if (!flags.s3Endpoint && !flags.s3Region) return undefined
  return { ...(flags.s3Endpoint ? { endpoint: flags.s3Endpoint } : {}), ...(flags.s3Region ? { region: flags.s3Region } : {}) }
}
