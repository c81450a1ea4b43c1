/** Progress events of a run, in order: start, per step (start, rows…, done), fixups, done. Types only. */
export type ProgressEvent =
  | { kind: 'run-start'; steps: number; rows: number }
  | { kind: 'step-start'; step: string; rows: number }
  /** Emitted as batches are handed to the writer; `written` is the running count for the step. */
  | { kind: 'step-rows'; step: string; written: number; rows: number }
  | { kind: 'step-done'; step: string; rows: number; ms: number }
  | { kind: 'fixup'; step: string; columns: string[]; rows: number }
  | { kind: 'run-done'; ms: number }

export type ProgressListener = (e: ProgressEvent) => void
