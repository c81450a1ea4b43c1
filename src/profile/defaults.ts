/** Rows sampled per table when no sample size is given (`tdg profile --sample`, a profile job's `sample`). */
export const DEFAULT_PROFILE_SAMPLE = 10_000
