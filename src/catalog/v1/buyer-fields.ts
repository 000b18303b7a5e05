// 1.0.0 fields about the people in a purchase: affiliate, buyer (name, document, phone, address) and producer.
// Sources are paths in the 2.0.0 purchase `data`.
import { computed, firstOf, from } from './field.ts';
import type { LegacyField } from './field.ts';

const address = (key: string) => ['buyer', 'address', key];

// 2.0.0 carries one phone, the one typed at checkout; legacy receivers read either pair, so both carry it.
const phoneCode = ['buyer', 'checkout_phone_code'];
const phoneNumber = ['buyer', 'checkout_phone'];

export const affiliateFields: readonly LegacyField[] = [
  computed('aff', 'affiliates[0].affiliate_code', 'Affiliate code (empty when the sale had no affiliate)', (c) => firstOf(c.data.affiliates).affiliate_code),
  computed('aff_name', 'affiliates[0].name', 'Affiliate name (empty when the sale had no affiliate)', (c) => firstOf(c.data.affiliates).name),
];

export const buyerFields: readonly LegacyField[] = [
  from('email', ['buyer', 'email'], 'Buyer e-mail; members areas grant access by it', { kind: 'email', required: true }),
  from('name', ['buyer', 'name'], 'Buyer full name', { required: true }),
  from('first_name', ['buyer', 'first_name'], 'Buyer first name'),
  from('last_name', ['buyer', 'last_name'], 'Buyer last name'),
  from('doc', ['buyer', 'document'], 'Buyer tax document number (CPF or CNPJ digits in Brazil)'),
  from('doc_type', ['buyer', 'document_type'], 'Kind of document, e.g. CPF, CNPJ'),
  from('phone_local_code', phoneCode, 'Buyer phone area code (the checkout phone)'),
  from('phone_number', phoneNumber, 'Buyer phone number (the checkout phone)'),
  from('phone_checkout_local_code', phoneCode, 'Phone area code given at checkout'),
  from('phone_checkout_number', phoneNumber, 'Phone number given at checkout'),
  from('address', address('address'), 'Street'),
  from('address_number', address('number'), 'Street number'),
  from('address_country', address('country'), 'Country name'),
  from('address_country_ISO', address('country_iso'), 'Country code (ISO 3166-1 alpha-2)'),
  from('address_district', address('neighborhood'), 'Neighbourhood (bairro)'),
  from('address_comp', address('complement'), 'Address complement'),
  from('address_city', address('city'), 'City'),
  from('address_state', address('state'), 'State'),
  from('address_zip_code', address('zipcode'), 'Postal code (CEP in Brazil)'),
];

export const producerFields: readonly LegacyField[] = [
  from('producer_name', ['producer', 'name'], 'Producer (seller) name'),
  from('producer_document', ['producer', 'document'], "Producer's tax document number"),
  from('producer_legal_nature', ['producer', 'legal_nature'], 'Legal nature of the producer, e.g. Pessoa Física, Pessoa Jurídica'),
];
