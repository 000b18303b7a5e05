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

export const isEmail = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

/** Product ids and affiliate codes: 1 to 64 letters, digits, - or _. */
export const isCode = (value: string): boolean => /^[A-Za-z0-9_-]{1,64}$/.test(value);

/** Empty (the server's default) or a whole number from `min` to `max`. */
export const isOptionalWholeNumber = (value: string, min: number, max: number): boolean => {
  if (value.trim() === '') return true;
  const number = Number(value);
  return Number.isInteger(number) && number >= min && number <= max;
};
