// "Copy as curl": the request an attempt sent, as a shell command a developer can run against their receiver. The
// history keeps the hottok masked, so the command reads it from $POSTBACK_HOTTOK instead (header and 1.0.0 body);
// everything else is the exact bytes, the signature included (it stays valid for 5 minutes of its timestamp).
const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;
const maskedHottok = /^\*{8}.{0,4}$/;

export function curlCommand(url: string, headers: Record<string, string>, body: string): string {
  const headerLines = Object.entries(headers).map(([name, value]) =>
    name === 'x-hotmart-hottok' && maskedHottok.test(value) ? `  -H "${name}: $POSTBACK_HOTTOK"` : `  -H ${quote(`${name}: ${value}`)}`);
  // a body may carry the hottok too (a 1.0.0 form field, or a 2.0.0 test post's "hottok"): the shell puts the real
  // one where the history shows it masked
  const data = body.replace(/(^|&)hottok=\*{8}[^&]{0,4}/, '$1hottok=\u0000').replace(/"hottok":"\*{8}[^"]{0,4}"/, '"hottok":"\u0000"');
  const dataArg = data.includes('\u0000') ? data.split('\u0000').map(quote).join('"$POSTBACK_HOTTOK"') : quote(data);
  return ['curl -X POST ' + quote(url), ...headerLines, `  --data-binary ${dataArg}`].join(' \\\n');
}
