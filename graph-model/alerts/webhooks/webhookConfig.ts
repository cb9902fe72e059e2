import { DctxError } from '../../dctxError.js';

/** A receiver of alert events. The secret signs each body; it is never logged nor stored. */
export interface WebhookEndpoint {
  /** The outbox row's endpoint: a name, so a changed URL or secret keeps the queued events. */
  name: string;
  url: string;
  secret: string;
}

export class WebhookConfigError extends DctxError<'BAD_WEBHOOK_CONFIG'> {
  constructor(message: string) {
    super('BAD_WEBHOOK_CONFIG', message);
  }
}

/**
 * DCTX_WEBHOOKS: comma-separated `name=url` (`pager=https://hooks.example.com/dctx`), each
 * endpoint's secret in DCTX_WEBHOOK_SECRET_<NAME> (upper case, `-` as `_`), at least 16
 * characters. A mistake names the entry, never a secret.
 */
export function webhooksFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookEndpoint[] {
  const text = (env.DCTX_WEBHOOKS ?? '').trim();
  if (text === '') return [];
  const seen = new Set<string>();
  return text.split(',').map((entry, i) => {
    const eq = entry.indexOf('=');
    const name = entry.slice(0, eq).trim();
    const url = entry.slice(eq + 1).trim();
    if (eq < 0 || !/^[a-z0-9][a-z0-9_-]{0,62}$/i.test(name)) throw new WebhookConfigError(`DCTX_WEBHOOKS entry ${i + 1}: expected name=url with a name of letters, digits, - and _`);
    if (seen.has(name)) throw new WebhookConfigError(`DCTX_WEBHOOKS: endpoint ${name} is given twice`);
    seen.add(name);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new WebhookConfigError(`DCTX_WEBHOOKS endpoint ${name}: not a URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new WebhookConfigError(`DCTX_WEBHOOKS endpoint ${name}: the URL must be http or https`);
    const variable = `DCTX_WEBHOOK_SECRET_${name.toUpperCase().replace(/-/g, '_')}`;
    const secret = env[variable] ?? '';
    if (secret.length < 16) throw new WebhookConfigError(`${variable} must hold the secret of endpoint ${name}, at least 16 characters`);
    return { name, url: parsed.toString(), secret };
  });
}
