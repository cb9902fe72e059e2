import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser as PlaywrightBrowser, type BrowserContext, type Page } from 'playwright-core';
import { describe, it } from 'vitest';

/**
 * Browser tests drive Debian's chromium (apt-get install chromium; .ci/run installs it) through
 * playwright-core, which downloads no browser of its own.
 */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Headless, and nothing that talks to Google or anyone else on its own: no GPU, no background
 * networking, component updates, sync, QUIC, extensions or first-run calls.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--metrics-recording-only',
  '--no-default-browser-check',
];

/**
 * Why browser tests cannot run here (null when they can). Without /usr/bin/chromium they are
 * skipped with this reason, except under CI=true, where a missing browser throws: a green CI that
 * ran no browser test would hide it.
 */
export function browserUnavailable(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const reason = `${CHROMIUM} is missing: browser tests skipped (apt-get install -y chromium)`;
  if (process.env.CI === 'true') throw new Error(`${reason}; CI=true requires it`);
  return reason;
}

/** Chromium with a temporary profile of playwright's own (removed when it closes), for tests that open their own contexts. */
export function launchChromium(): Promise<PlaywrightBrowser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * `describe` for tests that need a browser. Without /usr/bin/chromium they are skipped, saying
 * why, except in CI (CI=true), where a missing browser is a failure: CI must run them.
 */
export function describeWithBrowser(title: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(title, body);
    return;
  }
  const why = `${CHROMIUM} is missing (apt-get install chromium)`;
  if (process.env.CI === 'true') {
    describe(title, () => {
      it('needs a browser', () => {
        throw new Error(`${why}: CI must run the browser tests`);
      });
    });
    return;
  }
  console.warn(`skipping browser tests "${title}": ${why}`);
  describe.skip(`${title} (skipped: ${why})`, body);
}

export interface Browser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** Chromium with a fresh profile (its own --user-data-dir, removed on close). */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'dctx-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a page did: every request it made, and every Content-Security-Policy violation it reported. */
export interface PageWatch {
  /** URLs of every request, in order. */
  requests: string[];
  /** CSP violations: from the page's securitypolicyviolation events and from the console. */
  cspViolations: string[];
  /** Uncaught exceptions of the page's scripts. */
  pageErrors: string[];
}

/** Starts watching `page`; call it before the page loads anything. */
export async function watchPage(page: Page): Promise<PageWatch> {
  const watch: PageWatch = { requests: [], cspViolations: [], pageErrors: [] };
  page.on('request', (request) => watch.requests.push(request.url()));
  page.on('pageerror', (error) => watch.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) watch.cspViolations.push(message.text());
  });
  // A binding and an init script run outside the page's CSP, so they report what it blocks.
  await page.exposeBinding('__reportCspViolation', (_source, violation: string) => void watch.cspViolations.push(violation));
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => window.__reportCspViolation(e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber));`);
  return watch;
}
