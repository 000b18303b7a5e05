// The page shell every members-area page shares: language, title, the stylesheet, an optional sign-out button, and a
// notice (error or confirmation) above the content.
import type { Language } from '../receive/notification.ts';
import { html } from './html.ts';
import type { Html } from './html.ts';

export type Notice = { kind: 'error' | 'info'; text: string } | null;

export function page(options: { language: Language; title: string; notice?: Notice; signOut?: { label: string; action: string }; body: Html }): string {
  const { language, title, notice, signOut, body } = options;
  return html`<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="stylesheet" href="/members.css"></head>
<body><main>
<header><h1>${title}</h1>${signOut ? html`<form method="post" action="${signOut.action}"><button class="secondary" type="submit">${signOut.label}</button></form>` : ''}</header>
${notice ? html`<p class="notice ${notice.kind}" role="${notice.kind === 'error' ? 'alert' : 'status'}">${notice.text}</p>` : ''}
${body}
</main></body></html>`.text;
}

export const stylesheet = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1f2933;background:#f5f7fa}
main{max-width:960px;margin:0 auto;padding:24px 16px}header{display:flex;gap:16px;align-items:center;justify-content:space-between;flex-wrap:wrap}
h1{font-size:1.5rem;margin:0 0 16px}h2{font-size:1.15rem;margin:24px 0 8px}
form.card,section.card{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:16px;max-width:420px}
section.wide{max-width:none;overflow-x:auto}label{display:block;margin:8px 0 4px;font-weight:600}
input{width:100%;padding:8px;border:1px solid #9aa5b1;border-radius:6px;font:inherit}
button,.button{display:inline-block;margin-top:12px;padding:8px 16px;border:0;border-radius:6px;background:#1d4ed8;color:#fff;font:inherit;cursor:pointer;text-decoration:none}
button.secondary{background:#e4e7eb;color:#1f2933;margin:0}
.notice{padding:8px 12px;border-radius:6px}.notice.error{background:#fde8e8;color:#9b1c1c}.notice.info{background:#e1effe;color:#1e429f}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e4e7eb;vertical-align:top}
td.mono,.mono{font-family:ui-monospace,monospace;font-size:.85rem;word-break:break-all}
ul.courses{list-style:none;padding:0}ul.courses li{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:12px 16px;margin:8px 0;display:flex;justify-content:space-between;align-items:center;gap:12px}
`;
