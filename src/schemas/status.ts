import { z } from 'zod';
import { STATUSES } from './status-names.ts';

export { STATUSES };

/** A claim's verdict, grounded only in what the source itself attributes. */
export const statusSchema = z.enum(STATUSES);

export type Status = z.infer<typeof statusSchema>;

/** Count of claims per status; every status is present, zero included. */
export type Tally = Record<Status, number>;

export function emptyTally(): Tally {
  return { confirmed: 0, unconfirmed: 0, disputed: 0 };
}
