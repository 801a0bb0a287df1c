import { createRequire } from "node:module";
import type { EventEmitter } from "node:events";

// autocannon ships no type declarations: the little of its API used here.
export type AutocannonResult = { requests: { total: number }; errors: number; timeouts: number; non2xx: number };
export type AutocannonInstance = EventEmitter & PromiseLike<AutocannonResult>;
export type AutocannonOptions = {
  url: string;
  connections: number;
  pipelining: number;
  duration: number;
  timeout: number;
  headers: Record<string, string>;
  requests: { method: string; setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) => Record<string, unknown> }[];
};
export const autocannon = createRequire(import.meta.url)("autocannon") as (opts: AutocannonOptions) => AutocannonInstance;
