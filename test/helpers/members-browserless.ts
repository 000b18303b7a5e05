// Talking to the members area's pages without a browser: form posts, the session cookie kept by hand.
export type PageAnswer = { status: number; location: string | null; cookie: string | null; text: string };

export async function submitForm(url: string, fields: Record<string, string>, cookie?: string | null, language = 'en'): Promise<PageAnswer> {
  const response = await fetch(url, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': language, ...(cookie ? { cookie } : {}) },
  });
  return answerOf(response);
}

export async function openPage(url: string, cookie?: string | null, language = 'en'): Promise<PageAnswer> {
  return answerOf(await fetch(url, { redirect: 'manual', headers: { 'accept-language': language, ...(cookie ? { cookie } : {}) } }));
}

async function answerOf(response: Response): Promise<PageAnswer> {
  const setCookie = response.headers.get('set-cookie');
  return { status: response.status, location: response.headers.get('location'), cookie: setCookie ? setCookie.split(';')[0]! : null, text: await response.text() };
}

/** The value printed after `label:` in a plain-text mail (the credentials mail's password, say). */
export function mailField(text: string, label: string): string {
  const match = new RegExp(`^${label}: (.+)$`, 'm').exec(text);
  if (!match) throw new Error(`no "${label}:" line in the mail:\n${text}`);
  return match[1]!.trim();
}
