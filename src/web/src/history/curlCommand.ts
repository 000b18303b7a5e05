// "Copy as curl": the request an attempt sent, as a shell command a developer can run against their receiver. The
// history keeps secrets masked, so the command reads each from a shell variable instead: the hottok from
// $POSTBACK_HOTTOK (header and body), a conversion postback's access token from the variable its credential names
// (maskedCredentials.ts). Everything else is the exact bytes, the signature included (it stays valid for 5 minutes of
// its timestamp).
const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;
const maskedHottok = /^\*{8}.{0,4}$/;
const hottokVariable = 'POSTBACK_HOTTOK';

/** A secret as the history shows it (`********` and its last 4 characters), and the shell variable that holds it. */
export type MaskedCredential = { masked: string; variable: string };
export type CurlRequest = { method: string; url: string; headers: Record<string, string>; body: string };

// where a variable goes: a NUL never stands in a URL, a JSON text or a form body
const mark = (index: number) => `\u0000${index}\u0000`;

/** `text` with its marks as "$VARIABLE", the rest single-quoted: one shell word. */
function shellWord(text: string, variables: readonly string[]): string {
  const pieces = text.split(/\u0000(\d+)\u0000/).map((piece, index) => (index % 2 === 1 ? `"$${variables[Number(piece)]}"` : piece === '' ? '' : quote(piece)));
  return pieces.join('') || quote('');
}

export function curlCommand({ method, url, headers, body }: CurlRequest, credentials: readonly MaskedCredential[] = []): string {
  const variables = [hottokVariable, ...credentials.map((credential) => credential.variable)];
  // the server masks a credential to exactly this text wherever it stood (src/delivery/mask-secrets.ts)
  const unmask = (text: string) => credentials.reduce((marked, credential, index) => marked.replaceAll(credential.masked, mark(index + 1)), text);
  const headerLines = Object.entries(headers).map(([name, value]) =>
    name === 'x-hotmart-hottok' && maskedHottok.test(value) ? `  -H "${name}: $${hottokVariable}"` : `  -H ${quote(`${name}: ${value}`)}`);
  // a body may carry the hottok too (a 1.0.0 form field, or a 2.0.0 test post's "hottok"): the shell puts the real
  // one where the history shows it masked
  const data = unmask(body.replace(/(^|&)hottok=\*{8}[^&]{0,4}/, `$1hottok=${mark(0)}`).replace(/"hottok":"\*{8}[^"]{0,4}"/, `"hottok":"${mark(0)}"`));
  // a GET postback (MGID's, a tracker's) sends no body
  const dataLine = method === 'GET' && body === '' ? [] : [`  --data-binary ${shellWord(data, variables)}`];
  return [`curl -X ${method} ${shellWord(unmask(url), variables)}`, ...headerLines, ...dataLine].join(' \\\n');
}
