// A producer's own site on 127.0.0.1 (another origin than Postback): pages that embed Postback's /tracking.js,
// each request remembered with its full URL, so a test can see exactly what reached the next page or the checkout.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Visit = { method: string; url: URL; body: string };
export type LandingSite = { url: string; visits: Visit[]; [Symbol.asyncDispose](): Promise<void> };

/** The tag a producer pastes, with its data- options. */
export const scriptTag = (postbackUrl: string, options: Record<string, string> = {}): string =>
  `<script src="${postbackUrl}/tracking.js"${Object.entries(options).map(([name, value]) => ` data-${name}="${value}"`).join('')} async></script>`;

/** `pages` maps a path to its HTML; any other path answers a small page that shows it was reached. */
export async function startLandingSite(pages: Record<string, string>): Promise<LandingSite> {
  const visits: Visit[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => { body += chunk; });
    request.on('end', () => {
      const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
      visits.push({ method: request.method ?? 'GET', url, body });
      const page = pages[url.pathname];
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(page ?? `<!doctype html><title>reached</title><h1>reached ${url.pathname}</h1>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    visits,
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
