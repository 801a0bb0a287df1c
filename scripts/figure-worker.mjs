// The figure worker's first module (lib/dal/outcomes/offThread.ts starts it): TypeScript and the project's paths
// through tsx, as everywhere outside Next's build, then the worker itself.
import { register } from "tsx/esm/api";

register();
await import("./figureWorker.ts");
