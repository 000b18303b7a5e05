// What an account's name may be: one rule for `postback account create` and the first-run set-up.
import { z } from 'zod';

/**
 * 1 to 120 characters once trimmed, and no control characters (C0, DEL and C1: line breaks, tabs, escapes such as
 * ESC[31m, BEL). The name is shown wherever the account is named: the dashboard, its affiliates' affiliations
 * (`producer_name`), e-mails and the command line's own output, where a line break or an escape would forge a line.
 */
export const accountName = z.string({ error: 'required' }).trim()
  .min(1, { error: 'required' })
  .max(120, { error: 'at most 120 characters' })
  .regex(/^\P{Cc}*$/u, { error: 'must not contain control characters (line breaks, tabs, escape sequences)' });
