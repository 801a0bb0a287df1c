// The statistics core: every figure the app shows or exports is computed here, from plain inputs, with no
// I/O. One function per reference-vector family (tests/fixtures/stats-vectors); each validates
// its input and throws a RangeError naming the offending field.

export { kaplanMeier } from "./kaplanMeier";
export type { KaplanMeierInput, KaplanMeierResult, KaplanMeierRow } from "./kaplanMeier";
export { logRank } from "./logRank";
export type { LogRankInput, LogRankResult, LogRankGroup } from "./logRank";
export { clopperPearson } from "./clopperPearson";
export type { ClopperPearsonInput, ClopperPearsonResult } from "./clopperPearson";
export { binomOneSided } from "./binomOneSided";
export type { BinomOneSidedInput, BinomOneSidedResult, BinomAlternative } from "./binomOneSided";
export { proceduresNeeded } from "./proceduresNeeded";
export type { ProceduresNeededInput, ProceduresNeededResult } from "./proceduresNeeded";
/** @testonly The tests' cross-check of Clopper–Pearson; no screen shows a Wilson interval. */
export { wilson } from "./wilson";
export type { WilsonInput, WilsonResult } from "./wilson";
export { funnelLimits } from "./funnelLimits";
export type { FunnelLimitsInput, FunnelLimitsResult, FunnelLimit, FunnelMethod } from "./funnelLimits";
export { bernoulliCusum } from "./bernoulliCusum";
export type { BernoulliCusumInput, BernoulliCusumResult } from "./bernoulliCusum";
export { pairedChange } from "./pairedChange";
export type { PairedChangeInput, PairedChangeResult } from "./pairedChange";
export { meetsImprovement, responder } from "./responder";
export type { ResponderInput, ResponderResult, ResponderMode } from "./responder";
export { turnbull } from "./turnbull";
export type { TurnbullInput, TurnbullResult, TurnbullRow } from "./turnbull";
export { logisticRegression } from "./logisticRegression";
export type { LogisticRegressionInput, LogisticRegressionResult } from "./logisticRegression";
export { firthLogistic } from "./firthLogistic";
export type { FirthLogisticInput, FirthLogisticResult } from "./firthLogistic";
export { linearRegression } from "./linearRegression";
export type { LinearRegressionInput, LinearRegressionResult } from "./linearRegression";
export { observedExpected } from "./observedExpected";
export type { ObservedExpectedInput, ObservedExpectedResult } from "./observedExpected";
export { predictLinear, predictLogistic } from "./predict";
export { distinctRows } from "./distinctRows";
export type { DistinctRows } from "./distinctRows";
export { cStatistic } from "./cStatistic";
export { calibrationByTenths } from "./calibrationByTenths";
export type { CalibrationTenth } from "./calibrationByTenths";
export { poissonFunnelLimits } from "./poissonFunnel";
export type { PoissonFunnelLimit } from "./poissonFunnel";
