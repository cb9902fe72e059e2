/**
 * The API token, kept for this tab only: sessionStorage is cleared when the tab closes and is not
 * shared with other tabs, and nothing is written to localStorage or cookies.
 */
const KEY = 'dctx.token';

export function readToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveToken(secret: string): void {
  sessionStorage.setItem(KEY, secret);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}
