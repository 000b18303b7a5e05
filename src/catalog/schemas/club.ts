// `data` of the members-area events CLUB_FIRST_ACCESS and CLUB_MODULE_COMPLETED.
import * as z from 'zod';
import { personal, shared } from '../field-doc.ts';
import { emailAddress, integerOrString, nonEmpty } from '../formats.ts';

const clubProduct = z.looseObject({
  // Integer in CLUB_FIRST_ACCESS, string ("00000") in real CLUB_MODULE_COMPLETED deliveries: accept both.
  id: shared(integerOrString, 'Product id (an integer; sent as a string in CLUB_MODULE_COMPLETED)', 'integer | string'),
  name: shared(z.string(), 'Product name', 'string').optional(),
});

const student = z.looseObject({
  email: personal(emailAddress, 'Student e-mail', 'email'),
  name: personal(z.string(), 'Student name', 'string').optional(),
});

export const clubFirstAccessData = z.looseObject({
  product: clubProduct,
  user: student,
});

export const clubModuleCompletedData = z.looseObject({
  product: clubProduct,
  user: student,
  module: z.looseObject({
    id: shared(nonEmpty, 'Module id', 'string'),
    name: shared(z.string(), 'Module name', 'string').optional(),
  }),
});
