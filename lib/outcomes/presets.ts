/**
 * Named presets a view chooses by id (the MCID rules in mcid.ts, the relief criteria in relief.ts): their ids as
 * the URL's schema takes them, and the preset of an id.
 */
type Preset = { id: string };

/** Every id of the list, in its order, as the non-empty tuple `z.enum` takes. */
export const idsOf = <T extends Preset>(list: readonly T[]) => list.map((p) => p.id) as [T["id"], ...T["id"][]];

/** The preset of that id; an unknown id is a programming error (ids reach here through the schema). */
export function presetOf<T extends Preset>(list: readonly T[], id: string, what: string): T {
  const preset = list.find((p) => p.id === id);
  if (!preset) throw new RangeError(`${what}: unknown id ${id}`);
  return preset;
}
