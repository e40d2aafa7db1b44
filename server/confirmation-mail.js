import { escapeHtml } from './confirmation-pages.js';
import { mailWording } from './mail-wording.js';

/**
 * @typedef {object} MailContent what one confirmation mail says and links to
 * @property {string} to
 * @property {{ name: string, address: string }} from the shop's name and sender address
 * @property {string} language one of MAIL_LANGUAGES
 * @property {Record<string, Partial<import('./mail-wording.js').MailWording>>} overrides the shop's wording
 * @property {string} site the site the consent was given on (its host is named)
 * @property {string | null} sentence the e-mail sentence the visitor agreed to, from the wording archive
 * @property {string} confirmUrl
 * @property {string} unsubscribeUrl
 * @property {string} linkExpiresAt
 */

/**
 * The e-mail sentence of an archived wording: the widget writes it as the wording's last line
 * (src/record.ts, `wordingOf`).
 * @param {string} wordingText
 */
export function emailSentenceOf(wordingText) {
  return wordingText.trimEnd().split('\n').at(-1)?.trim() || null;
}

/** @param {string} site */
const hostOf = (site) => (URL.canParse(site) ? new URL(site).host : site);

/**
 * The confirmation mail as nodemailer sends it: plain text and HTML, from the shop, with the
 * one-click unsubscribe headers mailbox providers require of bulk senders (RFC 2369, RFC 8058).
 * @param {MailContent} mail
 * @returns {import('nodemailer').SendMailOptions}
 */
export function confirmationMail(mail) {
  const date = new Intl.DateTimeFormat(mail.language, {
    year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short',
  })
    .format(new Date(mail.linkExpiresAt));
  const w = mailWording(mail.language, mail.overrides, { shop: mail.from.name, site: hostOf(mail.site), date });
  const dir = mail.language === 'ar' ? 'rtl' : 'ltr';
  const quote = mail.sentence ? `\n\n    “${mail.sentence}”` : '';
  const text = `${w.intro}${quote}\n\n${w.button}:\n${mail.confirmUrl}\n\n${w.expiry}\n\n${w.unsubscribe}: ${mail.unsubscribeUrl}\n`;
  const html = `<!doctype html>
<html lang="${escapeHtml(mail.language)}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(w.subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:36rem;margin:0 auto;padding:1rem">
<p>${escapeHtml(w.intro)}</p>
${mail.sentence ? `<blockquote style="margin:1rem 0;padding:.5rem 1rem;border-inline-start:4px solid #555">${escapeHtml(mail.sentence)}</blockquote>` : ''}
<p><a href="${escapeHtml(mail.confirmUrl)}" style="display:inline-block;padding:.6rem 1.2rem;background:#1a4fa0;color:#ffffff;border-radius:.4rem;text-decoration:none">${escapeHtml(w.button)}</a></p>
<p>${escapeHtml(w.expiry)}</p>
<p style="font-size:.9rem"><a href="${escapeHtml(mail.unsubscribeUrl)}" style="color:#1a4fa0">${escapeHtml(w.unsubscribe)}</a></p>
</body></html>
`;
  return {
    from: mail.from,
    to: mail.to,
    subject: w.subject,
    text,
    html,
    headers: {
      'List-Unsubscribe': `<${mail.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
