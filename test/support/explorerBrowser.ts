import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/*
 * The explorer's browser tests and UI benchmark launch Chromium through this module. (The HTTP
 * branch has test/support/browser.ts with the same flags for the GraphQL IDE's test; the two are
 * meant to become one module when merged.)
 */

/** Debian's Chromium (`apt-get install chromium`, as .ci/run does); nothing is ever downloaded. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags for a headless Chromium that reaches nothing but the pages it is sent to: no GPU, no
 * background networking, component updates, sync, QUIC or first-run calls to Google's hosts.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
  '--metrics-recording-only',
  '--no-default-browser-check',
];

/**
 * Whether browser tests can run here. Without /usr/bin/chromium they are skipped with this reason,
 * except under CI=true, where a missing browser must fail the run (a green CI that ran no browser
 * test would hide it).
 */
export function browserUnavailable(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  const reason = `${CHROMIUM_PATH} is missing: browser tests skipped (apt-get install -y chromium)`;
  if (process.env.CI === 'true') throw new Error(`${reason}; CI=true requires it`);
  return reason;
}

/**
 * Chromium driven by playwright-core. `launch` starts it with a fresh profile directory of its own
 * (`--user-data-dir` in a new temporary directory, removed when the browser closes).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
