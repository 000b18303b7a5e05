// `data` of the members-area events CLUB_FIRST_ACCESS and CLUB_MODULE_COMPLETED.
import * as z from 'zod';
import { buyerData, shared } from '../field-doc.ts';
import { emailAddress, integerOrString, nonEmpty } from '../formats.ts';

const clubProduct = z.looseObject({
  // Production sends a string; the CLUB_FIRST_ACCESS test post an integer: both accepted, Postback sends the string.
  id: shared(integerOrString, 'Product id, as a string of digits (older test posts send an integer)', 'string | integer'),
  name: shared(z.string(), 'Product name', 'string').optional(),
});

const student = z.looseObject({
  email: buyerData(emailAddress, 'Student e-mail', 'email'),
  name: buyerData(z.string(), 'Student name', 'string').optional(),
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
