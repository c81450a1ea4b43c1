/** `tdg report`: fidelity between two profiles and its self-contained HTML page. */
export { fidelity, columnFidelity, fanOutLabel } from './fidelity.js'
export { FIDELITY_VERSION, THRESHOLDS } from './fidelity-types.js'
export type { ColumnFidelity, FailingMeasure, FanOutFidelity, FanOutFigures, FidelityResult, Measure, MeasureName, SkippedMeasure, TableFidelity } from './fidelity-types.js'
export { ksFromQuantiles, cdfAt, cdfBefore, massBetween, QUANTILE_POINTS } from './quantile-cdf.js'
export { tvd, nullShareError, fanOutMedianError, rowRatioError, NULL_SHARE_FLOOR, FAN_OUT_FLOOR } from './measures.js'
export { parseProfile } from './read-profile.js'
export { renderReport } from './html/render-report.js'
