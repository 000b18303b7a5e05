// The rules a form checks before sending, mirroring the API's (src/api/schemas.ts), so a producer hears about a
// wrong field at once, in their language, instead of from a round trip.
export const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
};

/** The longest receiver URL the API takes (src/api/schemas.ts, webhookUrl). */
export const maxUrlLength = 2048;

export const isEmail = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

/** Affiliate codes: 1 to 64 letters, digits, - or _. */
export const isCode = (value: string): boolean => /^[A-Za-z0-9_-]{1,64}$/.test(value);

/** A new product's id: the number payloads carry in data.product.id (digits, no leading zeros). */
export const isProductId = (value: string): boolean => /^(0|[1-9][0-9]{0,14})$/.test(value);

/** A product's ucode: its UUID, as payloads carry it in data.product.ucode. */
export const isUuid = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** Empty (the server's default) or a whole number from `min` to `max`. */
export const isOptionalWholeNumber = (value: string, min: number, max: number): boolean => {
  if (value.trim() === '') return true;
  const number = Number(value);
  return Number.isInteger(number) && number >= min && number <= max;
};
