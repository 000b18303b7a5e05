// The students' pages as HTML: sign-in, forgot password, new password, the course list and one course.
import type { Enrolment } from '../store/members-records.ts';
import type { Language } from '../receive/notification.ts';
import { html } from './html.ts';
import type { Html } from './html.ts';
import { page } from './layout.ts';
import type { Notice } from './layout.ts';
import { pageMessages } from './page-messages.ts';

export function signInPage(language: Language, notice: Notice = null, email = ''): string {
  const t = pageMessages[language];
  return page({ language, title: t.signInTitle, notice, body: html`<form class="card" method="post" action="/sign-in">
<label for="email">${t.email}</label><input id="email" name="email" type="email" autocomplete="username" required value="${email}">
<label for="password">${t.password}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${t.signIn}</button></form>
<p><a href="/forgot">${t.forgotLink}</a></p>` });
}

export function forgotPage(language: Language, notice: Notice = null): string {
  const t = pageMessages[language];
  return page({ language, title: t.forgotTitle, notice, body: html`<form class="card" method="post" action="/forgot"><p>${t.forgotIntro}</p>
<label for="email">${t.email}</label><input id="email" name="email" type="email" autocomplete="username" required>
<button type="submit">${t.sendLink}</button></form>` });
}

export function resetPage(language: Language, token: string | null, notice: Notice = null): string {
  const t = pageMessages[language];
  const form = token === null ? html`<p><a href="/forgot">${t.forgotLink}</a></p>` : html`<form class="card" method="post" action="/reset">
<input type="hidden" name="token" value="${token}">
<label for="password">${t.newPassword}</label><input id="password" name="password" type="password" autocomplete="new-password" minlength="8" required>
<button type="submit">${t.savePassword}</button></form>`;
  return page({ language, title: t.resetTitle, notice, body: form });
}

const signOut = (language: Language) => ({ label: pageMessages[language].signOut, action: '/sign-out' });

export function coursesPage(language: Language, courses: Enrolment[]): string {
  const t = pageMessages[language];
  return page({ language, title: t.coursesTitle, signOut: signOut(language), body: html`<ul class="courses">${courses.map((course) => html`<li><span>${course.productName}</span>
<a class="button" href="/courses/${encodeURIComponent(course.productId)}" aria-label="${t.openCourse}: ${course.productName}">${t.openCourse}</a></li>`)}</ul>` });
}

export function coursePage(language: Language, title: string, content: Html | null): string {
  const t = pageMessages[language];
  return page({ language, title, signOut: signOut(language), body: html`<p><a href="/courses">${t.backToCourses}</a></p>
<article class="course">${content ?? html`<p>${t.coursePlaceholder}</p>`}</article>` });
}

/** The course (or every course) is closed to this student: said plainly, with no content. */
export function closedPage(language: Language, text: string): string {
  return page({ language, title: pageMessages[language].coursesTitle, notice: { kind: 'error', text }, signOut: signOut(language), body: html`` });
}
