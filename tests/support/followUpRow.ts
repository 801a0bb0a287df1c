/** A follow-up completeness row (home page, dashboard) when no patient answered by link and every procedure is still followed. */
export const followedRow = (timepoint: string, eligible: number, done: number) => ({
  timepoint,
  eligible,
  done,
  byPatient: 0,
  notExpected: { lost: 0, withdrawn: 0, deceased: 0 },
});
