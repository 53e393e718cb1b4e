import { z } from 'zod';

/** The three verdicts a claim can carry, in the order tables and tallies show them. */
export const STATUSES = ['confirmed', 'unconfirmed', 'disputed'] as const;

/** A claim's verdict, grounded only in what the source itself attributes. */
export const statusSchema = z.enum(STATUSES);

export type Status = z.infer<typeof statusSchema>;

/** Count of claims per status; every status is present, zero included. */
export type Tally = Record<Status, number>;

export function emptyTally(): Tally {
  return { confirmed: 0, unconfirmed: 0, disputed: 0 };
}
