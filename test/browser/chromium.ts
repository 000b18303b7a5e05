// Debian's Chromium driven by playwright-core (no browser download). Absent Chromium fails the suite under CI=true,
// with the command that installs it, and skips it elsewhere.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

function chromiumPath(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export type Chromium = { context: BrowserContext; [Symbol.asyncDispose](): Promise<void> };

/**
 * The browser's language and time zone (what a user's machine would say); English and UTC unless a test says.
 * `acceptCertificates` lets pages served with a throw-away certificate load (a members area on 127.0.0.1 over https).
 */
export type BrowserSettings = { locale?: string; timezoneId?: string; acceptCertificates?: boolean };

/** A browser with a fresh profile (its own --user-data-dir), or undefined when the test was skipped. */
export async function launchChromium(t: TestContext, settings: BrowserSettings = {}): Promise<Chromium | undefined> {
  const executablePath = chromiumPath();
  if (executablePath === undefined) {
    const message = 'Chromium is not installed: the browser tests need Debian\'s chromium (apt-get install -y chromium; .ci/run installs it)';
    if (process.env.CI === 'true') throw new Error(message);
    t.skip(message);
    return undefined;
  }
  const profile = await mkdtemp(join(tmpdir(), 'postback-chromium-'));
  // launchPersistentContext is how playwright takes an explicit --user-data-dir (it refuses the flag in args)
  const context = await chromium.launchPersistentContext(profile, { executablePath, args: chromiumArgs, headless: true, viewport: { width: 1280, height: 900 },
    locale: settings.locale ?? 'en-US', timezoneId: settings.timezoneId ?? 'UTC', ignoreHTTPSErrors: settings.acceptCertificates ?? false });
  return {
    context,
    async [Symbol.asyncDispose]() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}
