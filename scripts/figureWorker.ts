// The figure worker (lib/dal/outcomes/offThread.ts): answers each { id, name, args } from the server's request
// thread by calling the data-layer function of that name here, with the figures or the error's class and message.
import { parentPort } from "node:worker_threads";
import { adjustedComparison } from "@/lib/dal/outcomes/adjusted";
import { forgetComputedFigures, outcomeDurability, outcomeHeadline, outcomePool, outcomeSummary, reliefComparison } from "@/lib/dal/outcomes/dashboard";
import { warmPracticeSnapshot } from "@/lib/dal/outcomes/practiceSnapshot";
import { qualityOverview } from "@/lib/dal/outcomes/quality";
import { getResponseRates } from "@/lib/dal/outcomes/responseRates";
import { reportCohortFigures } from "@/lib/dal/reports/physicianReport";

type Call = { id: number; name: string; args: unknown[] };

const FIGURES: Record<string, (...args: never[]) => Promise<unknown>> = {
  adjustedComparison,
  forgetComputedFigures,
  getResponseRates,
  outcomeDurability,
  outcomeHeadline,
  outcomePool,
  outcomeSummary,
  qualityOverview,
  reliefComparison,
  reportCohortFigures,
  warmPracticeSnapshot,
};

const port = parentPort;
if (!port) throw new Error("scripts/figureWorker.ts runs as the server's figure worker (lib/dal/outcomes/offThread.ts), not on its own.");

port.on("message", ({ id, name, args }: Call) => {
  void (async () => {
    try {
      const figure = FIGURES[name];
      if (!figure) throw new Error(`The figure worker has no function ${name}`);
      port.postMessage({ id, value: await (figure as (...a: unknown[]) => Promise<unknown>)(...args) });
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      port.postMessage({ id, error: { name: error.name, message: error.message } });
    }
  })();
});
