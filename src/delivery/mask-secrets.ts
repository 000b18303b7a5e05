// Secrets a request carried, kept out of what the history stores and shows. A receiver that echoes its request back
// (a request bin, PHP's print_r($_POST), n8n's "respond with input") would otherwise put the hottok or an ad network's
// token in clear in an attempt's response, which every user of the account can read, viewers too.

/** A secret as the history shows it: only its last 4 characters. */
export function maskedSecret(secret: string): string {
  return `${'*'.repeat(8)}${secret.slice(-4)}`;
}

/**
 * `text` with each secret masked as it may stand there: itself, percent-encoded (a URL, a form), or inside a JSON
 * string (a quote or backslash escaped). Secrets shorter than 8 characters are left alone: masking them would
 * garble ordinary text, and no secret of ours is that short.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) masked = masked.replaceAll(form, maskedSecret(secret));
  }
  return masked;
}

/** Each header value with the secrets masked (a receiver may echo the hottok header back). */
export function maskSecretsInHeaders(headers: Record<string, string>, secrets: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, maskSecrets(value, secrets)]));
}
