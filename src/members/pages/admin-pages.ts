// The admin's page: every student's access per course with the events that decided it, the mail outbox (what has
// not gone yet, and why), and the notifications as they arrived (including those that changed nothing, and why).
import { accessAt } from '../access/decide-access.ts';
import type { Language } from '../receive/notification.ts';
import type { Enrolment, OutboxMail, StoredNotification, Student } from '../store/members-records.ts';
import { html } from './html.ts';
import { page } from './layout.ts';
import type { Notice } from './layout.ts';
import { pageMessages } from './page-messages.ts';

export function adminSignInPage(language: Language, notice: Notice = null): string {
  const t = pageMessages[language];
  return page({ language, title: t.adminTitle, notice, body: html`<form class="card" method="post" action="/admin/sign-in">
<label for="password">${t.password}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${t.adminSignIn}</button></form>` });
}

export type AdminView = {
  now: number;
  students: Map<string, Student>;
  enrolments: Enrolment[];
  /** The deciding events of each enrolment, by event id. */
  events: Map<string, StoredNotification>;
  mails: OutboxMail[];
  recent: StoredNotification[];
};

export function adminPage(language: Language, view: AdminView): string {
  const t = pageMessages[language];
  const when = (ms: number | null) => (ms === null ? '—' : new Intl.DateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' }).format(ms));
  const enrolmentRows = view.enrolments.map((enrolment) => {
    const student = view.students.get(enrolment.email);
    const access = accessAt(enrolment, view.now);
    return html`<tr data-email="${enrolment.email}" data-product="${enrolment.productId}"><td>${student?.name ?? ''}<br><span class="mono">${enrolment.email}</span></td>
<td>${enrolment.productName} <span class="mono">#${enrolment.productId}</span></td><td data-access="${access}"><strong>${t[access]}</strong><br>${t.reasons[enrolment.reason] ?? enrolment.reason}</td>
<td>${when(enrolment.until)}</td><td>${enrolment.decidedBy.map((id) => {
      const event = view.events.get(id);
      return html`<div>${event?.event ?? ''} <span class="mono">${id}</span> ${event ? when(event.occurredAt) : ''}</div>`;
    })}</td></tr>`;
  });
  const mailRows = view.mails.map((mail) => html`<tr data-mail="${mail.id}" data-status="${mail.status}"><td>${t.mailKind[mail.kind] ?? mail.kind}</td><td class="mono">${mail.email}</td>
<td>${mail.status === 'sent' ? t.sent : t.pending}</td><td>${mail.attempts}</td><td class="mono">${mail.lastError ?? ''}</td>
<td>${mail.status === 'pending' ? html`${when(mail.nextAttemptAt)}<form method="post" action="/admin/mail/${mail.id}/send-now"><button class="secondary" type="submit">${t.sendNow}</button></form>` : when(mail.sentAt)}</td></tr>`);
  const eventRows = view.recent.map((event) => html`<tr><td>${when(event.receivedAt)}</td><td>${event.event} <span class="mono">${event.format}</span></td>
<td class="mono">${event.email ?? ''}</td><td class="mono">${event.productId ?? ''}</td><td>${t.outcomes[event.outcome] ?? event.outcome}</td><td class="mono">${event.eventId}</td></tr>`);
  return page({ language, title: t.adminTitle, signOut: { label: t.signOut, action: '/admin/sign-out' }, body: html`
<h2>${t.students}</h2><section class="card wide">${view.enrolments.length === 0 ? html`<p>${t.noStudents}</p>` : html`<table id="access"><thead><tr><th>${t.student}</th><th>${t.course}</th><th>${t.access}</th><th>${t.until}</th><th>${t.decidedBy}</th></tr></thead><tbody>${enrolmentRows}</tbody></table>`}</section>
<h2>${t.outbox}</h2><section class="card wide">${view.mails.length === 0 ? html`<p>${t.noMail}</p>` : html`<table id="outbox"><thead><tr><th>${t.kind}</th><th>${t.email}</th><th>${t.status}</th><th>${t.attempts}</th><th>${t.lastError}</th><th>${t.when}</th></tr></thead><tbody>${mailRows}</tbody></table>`}</section>
<h2>${t.recentEvents}</h2><section class="card wide"><table id="events"><thead><tr><th>${t.received}</th><th>${t.event}</th><th>${t.email}</th><th>${t.course}</th><th>${t.outcome}</th><th>id</th></tr></thead><tbody>${eventRows}</tbody></table></section>` });
}
