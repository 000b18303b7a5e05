// 1.0.0 fields about the commission split: each side's amount, and the affiliate's commission's currency and its
// conversion (when the affiliate is paid in another currency). Sources are the 2.0.0 `commissions` list.
import { computed } from './field.ts';
import type { LegacyContext, LegacyField } from './field.ts';

/** The first commission for `source` (MARKETPLACE, PRODUCER, AFFILIATE), as an object to read from; {} if none. */
function commissionOf(context: LegacyContext, source: string): Record<string, unknown> {
  const list = context.data.commissions;
  const found: unknown = Array.isArray(list) ? list.find((item: unknown) => typeof item === 'object' && item !== null && (item as Record<string, unknown>).source === source) : undefined;
  return typeof found === 'object' && found !== null ? (found as Record<string, unknown>) : {};
}

function conversionOf(context: LegacyContext): Record<string, unknown> {
  const conversion = commissionOf(context, 'AFFILIATE').currency_conversion;
  return typeof conversion === 'object' && conversion !== null ? (conversion as Record<string, unknown>) : {};
}

const affiliate = 'commissions[source=AFFILIATE]';

export const commissionFields: readonly LegacyField[] = [
  computed('cms_marketplace', 'commissions[source=MARKETPLACE].value', "Marketplace's commission", (c) => commissionOf(c, 'MARKETPLACE').value, { kind: 'decimal' }),
  computed('cms_vendor', 'commissions[source=PRODUCER].value', "Producer's commission", (c) => commissionOf(c, 'PRODUCER').value, { kind: 'decimal' }),
  computed('cms_aff', `${affiliate}.value`, "Affiliate's commission", (c) => commissionOf(c, 'AFFILIATE').value, { kind: 'decimal' }),
  computed('cms_aff_currency', `${affiliate}.currency_value`, "Currency of the affiliate's commission (ISO 4217)", (c) => commissionOf(c, 'AFFILIATE').currency_value),
  computed('aff_cms_rate_currency', `${affiliate}.currency_conversion.converted_to_currency`, "Currency the affiliate's commission was converted to", (c) => conversionOf(c).converted_to_currency),
  computed('aff_cms_rate_commission', `${affiliate}.currency_conversion.converted_value`, "The affiliate's commission after conversion", (c) => conversionOf(c).converted_value, { kind: 'decimal' }),
  computed('aff_cms_rate_conversion', `${affiliate}.currency_conversion.conversion_rate`, 'Exchange rate applied to the affiliate\'s commission', (c) => conversionOf(c).conversion_rate, { kind: 'decimal' }),
];
