// The statistics core: every figure the app shows or exports is computed here, from plain inputs, with no
// I/O. One function per reference-vector family (tests/fixtures/stats-vectors); each validates
// its input and throws a RangeError naming the offending field. Turnbull (turnbull.ts) and Wilson (wilson.ts)
// are checked but drawn by no screen yet, so they are not part of this module's face (see knip.jsonc).

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
export { funnelLimits } from "./funnelLimits";
export type { FunnelLimitsInput, FunnelLimitsResult, FunnelLimit, FunnelMethod } from "./funnelLimits";
export { bernoulliCusum } from "./bernoulliCusum";
export type { BernoulliCusumInput, BernoulliCusumResult } from "./bernoulliCusum";
export { pairedChange } from "./pairedChange";
export type { PairedChangeInput, PairedChangeResult } from "./pairedChange";
export { responder } from "./responder";
export type { ResponderInput, ResponderResult, ResponderMode } from "./responder";
