// Who takes part in a purchase-family event: product, affiliates, buyer, producer, commissions.
import * as z from 'zod';
import { buyerData, personal, shared } from '../field-doc.ts';
import { amount, currencyCode, emailAddress, isoDateTime } from '../formats.ts';

const bundledProduct = z.looseObject({
  id: shared(z.number().int(), 'Id of a product inside the bundle', 'integer'),
  ucode: shared(z.string(), 'Unique code of the bundled product', 'UUID').optional(),
  name: shared(z.string(), 'Name of the bundled product', 'string'),
  is_physical_product: shared(z.boolean(), 'Whether the bundled product is shipped physically', 'boolean').optional(),
});

export const purchaseProduct = z.looseObject({
  id: shared(z.number().int(), 'Product id; webhooks scoped to products match on it', 'integer'),
  ucode: shared(z.string(), 'Unique product code', 'UUID').optional(),
  name: shared(z.string(), 'Product name', 'string').optional(),
  warranty_date: shared(isoDateTime, 'End of the guarantee (refund) period', 'ISO-8601').optional(),
  support_email: shared(z.string(), 'Producer support e-mail shown to buyers', 'email').optional(),
  has_co_production: shared(z.boolean(), 'Whether the product has co-producers', 'boolean').optional(),
  is_physical_product: shared(z.boolean(), 'Whether the product is shipped physically', 'boolean').optional(),
  content: z
    .looseObject({
      has_physical_products: shared(z.boolean(), 'Whether the bundle contains a physical product', 'boolean').optional(),
      products: z.array(bundledProduct).optional(),
    })
    .optional(),
});

// Hotmart sends one element with empty strings when there is no affiliate, so empty strings are valid here; older
// (2022) test posts send `[{ "name": "" }]`, so neither key is required.
export const affiliates = z.array(
  z.looseObject({
    affiliate_code: shared(z.string(), 'Affiliate code (empty when the sale had no affiliate)', 'string').optional(),
    name: shared(z.string(), 'Affiliate name (empty when the sale had no affiliate)', 'string').optional(),
  }),
);

const buyerAddress = z.looseObject({
  zipcode: buyerData(z.string(), 'Postal code (CEP in Brazil)', 'string').optional(),
  country: buyerData(z.string(), 'Country name', 'string').optional(),
  country_iso: buyerData(z.string(), 'Country code', 'ISO 3166-1 alpha-2', { size: 2 }).optional(),
  state: buyerData(z.string(), 'State', 'string').optional(),
  city: buyerData(z.string(), 'City', 'string').optional(),
  neighborhood: buyerData(z.string(), 'Neighbourhood (bairro)', 'string').optional(),
  address: buyerData(z.string(), 'Street', 'string').optional(),
  number: buyerData(z.string(), 'Street number', 'string').optional(),
  complement: buyerData(z.string(), 'Address complement', 'string').optional(),
});

export const buyer = z.looseObject({
  email: buyerData(emailAddress, 'Buyer e-mail; members areas grant access by it', 'email'),
  name: buyerData(z.string(), 'Buyer full name', 'string').optional(),
  first_name: buyerData(z.string(), 'Buyer first name', 'string').optional(),
  last_name: buyerData(z.string(), 'Buyer last name', 'string').optional(),
  document: buyerData(z.string(), 'Buyer tax document number (CPF or CNPJ digits in Brazil)', 'string').optional(),
  document_type: buyerData(z.string(), 'Kind of document, e.g. CPF, CNPJ', 'string').optional(),
  checkout_phone: buyerData(z.string(), 'Phone number given at checkout', 'string').optional(),
  checkout_phone_code: buyerData(z.string(), 'Phone area code given at checkout', 'string').optional(),
  address: buyerAddress.optional(),
});

// The producer's document is withheld from affiliates: fails closed, it is a person's tax id like the buyer's. It is
// the producer's own, not the buyer's, so sharing buyer data never releases it (personal, not buyerData).
export const producer = z.looseObject({
  name: shared(z.string(), 'Producer (seller) name', 'string').optional(),
  document: personal(z.string(), "Producer's tax document number", 'string').optional(),
  legal_nature: shared(z.string(), 'Legal nature of the producer, e.g. Pessoa Física, Pessoa Jurídica', 'string').optional(),
});

export const commissions = z.array(
  z.looseObject({
    value: shared(amount, 'Commission amount', 'number').optional(),
    source: shared(z.string(), 'Who receives it: MARKETPLACE, PRODUCER, CO_PRODUCER, AFFILIATE...', 'string').optional(),
    // absent in older (2022) deliveries
    currency_value: shared(currencyCode, 'Currency of the commission', 'ISO 4217', { size: 3 }).optional(),
    currency_conversion: z
      .looseObject({
        converted_value: shared(amount, 'Commission converted to the receiving currency', 'number').optional(),
        converted_to_currency: shared(currencyCode, 'Currency converted to', 'ISO 4217', { size: 3 }).optional(),
        conversion_rate: shared(z.number(), 'Exchange rate applied', 'number').optional(),
      })
      .optional(),
  }),
);
