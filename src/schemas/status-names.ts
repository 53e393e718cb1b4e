/** The three verdicts a claim can carry, in the order tables and tallies show them. No dependencies, so browser code can import it. */
export const STATUSES = ['confirmed', 'unconfirmed', 'disputed'] as const;
