/**
 * The hand-worked example of freedom from subsequent surgery: days to the first surgery (event) or to the last
 * follow-up assessment (censored). tests/unit/durability.test.ts works it by hand; the subsequent-surgery
 * integration test reads the same figures back from the database.
 */
export const DURABILITY_EXAMPLE: [day: number, surgery: boolean][] = [
  [100, true],
  [150, false],
  [200, true],
  [250, false],
  [365, false],
  [400, true],
  [500, false],
  [600, false],
  [800, false],
  [800, false],
];
