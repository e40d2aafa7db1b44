import { readFileSync } from 'node:fs';
import { checkWordingOverrides } from './mail-wording.js';

/**
 * The double opt-in's settings from environment variables (docs/collector.md): `SMTP_URL`,
 * `MAIL_FROM`, `SHOP_NAME`, `PUBLIC_URL`, `CONFIRM_MAIL_WORDING`, `CONFIRM_WEBHOOK_URL`,
 * `CONFIRM_WEBHOOK_SECRET`.
 * @param {Record<string, string | undefined>} env
 * @returns {{ options: Pick<import('./app.js').CollectorOptions, 'mail' | 'publicUrl' | 'confirmWebhook'> } | { error: string }}
 */
export function doubleOptInFromEnv(env) {
  /** @type {Pick<import('./app.js').CollectorOptions, 'mail' | 'publicUrl' | 'confirmWebhook'>} */
  const options = {};
  if (env.PUBLIC_URL) {
    const url = URL.canParse(env.PUBLIC_URL) ? new URL(env.PUBLIC_URL) : null;
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash) {
      return { error: `PUBLIC_URL must be the collector's public origin, such as https://consent.shop.example, not "${env.PUBLIC_URL}"` };
    }
    options.publicUrl = url.origin;
  }
  if (env.SMTP_URL) {
    if (!/^smtps?:\/\/[^/]/.test(env.SMTP_URL)) {
      return { error: `SMTP_URL must be an smtp:// or smtps:// URL, such as smtp://user:password@mail.shop.example:587, not "${env.SMTP_URL}"` };
    }
    const from = env.MAIL_FROM ?? '';
    if (!/^[^\s@<>]+@[^\s@<>]+$/.test(from)) {
      return { error: `SMTP_URL is set, so MAIL_FROM must be the sender's address, such as news@shop.example, not "${from}"` };
    }
    /** @type {Record<string, Partial<import('./mail-wording.js').MailWording>>} */
    let wording = {};
    if (env.CONFIRM_MAIL_WORDING) {
      let parsed;
      try {
        parsed = JSON.parse(readFileSync(env.CONFIRM_MAIL_WORDING, 'utf8'));
      } catch (error) {
        return { error: `CONFIRM_MAIL_WORDING "${env.CONFIRM_MAIL_WORDING}" cannot be read as JSON: ${error instanceof Error ? error.message : error}` };
      }
      const checked = checkWordingOverrides(parsed);
      if ('error' in checked) return { error: `CONFIRM_MAIL_WORDING "${env.CONFIRM_MAIL_WORDING}": ${checked.error}` };
      wording = checked.wording;
    }
    if (!options.publicUrl) {
      return { error: "SMTP_URL is set, so PUBLIC_URL must be the collector's public origin, such as https://consent.shop.example: the mails' links are built on it, never on a request's Host header, which any client can set" };
    }
    options.mail = { smtpUrl: env.SMTP_URL, from, shopName: env.SHOP_NAME || (from.split('@')[1] ?? from), wording };
  }
  if (env.CONFIRM_WEBHOOK_URL) {
    if (!/^https?:\/\/[^/]/.test(env.CONFIRM_WEBHOOK_URL)) {
      return { error: `CONFIRM_WEBHOOK_URL must be an http(s) URL, not "${env.CONFIRM_WEBHOOK_URL}"` };
    }
    // An unsigned webhook could be forged by anyone who finds its URL.
    if (!env.CONFIRM_WEBHOOK_SECRET || env.CONFIRM_WEBHOOK_SECRET.length < 16) {
      return { error: 'CONFIRM_WEBHOOK_URL is set, so CONFIRM_WEBHOOK_SECRET must be a secret of at least 16 characters to sign its bodies with' };
    }
    options.confirmWebhook = { url: env.CONFIRM_WEBHOOK_URL, secret: env.CONFIRM_WEBHOOK_SECRET };
  }
  return { options };
}
