/** Where the CLI writes; injectable so the CLI can run in-process in tests. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
}

/** Process stdout/stderr. */
export const processIo: CliIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
}
