import { isEmailAddress } from './config.js';
import { keepRecord } from './outbox.js';
import { enWording } from './i18n/en.js';
import { buildRecord, bulkChoices, randomId, wordingOf } from './record.js';
import { report } from './report.js';
import type { ConsentController } from './ui/consent-controller.js';
import type { CategoryChoices, ConsentChoice, ConsentMethod, ConsentRecord, EmailConsent } from './types.js';

/**
 * Making a choice: the record, its wording, and the order that keeps it safe. Only a visitor who
 * chooses (or a page calling the API) needs this, so the embed fetches it on the first choice.
 */

/** What a choice needs from the controller of its `<carat-consent>`. */
export type ChoiceHost = Pick<
  ConsentController,
  | 'options' | 'strings' | 'language' | 'record' | 'prompt' | 'gpc' | 'fill' | 'policyVersion' | 'visitorId' | 'storage' | 'channel' | 'adopt' | 'deliver' | 'hash'
  | 'services'
>;

const emailOf = (host: ChoiceHost): EmailConsent => host.record?.email ?? { marketing: 'unset' };

/**
 * Makes, stores, shares and sends a new record; only then applies it to the page. `given`: what
 * the visitor set by hand, per category and service id (all of `categories` for a button that
 * sets everything), from which the services part settles each service.
 */
async function decide(
  host: ChoiceHost,
  method: ConsentMethod,
  categories: CategoryChoices,
  email: EmailConsent,
  asked?: string,
  given: Record<string, boolean | undefined> = categories,
): Promise<ConsentRecord> {
  const { options, storage, services } = host;
  const settled = services?.settle(categories, given, host.prompt ? undefined : host.record?.services) ?? { categories };
  if (!host.visitorId) {
    host.visitorId = randomId();
    await storage?.update('visitor', () => host.visitorId).catch(() => {});
  }
  const wording = asked
    ? `[${host.language}]\n${asked}`
    : wordingOf({ ...enWording, ...host.strings }, host.language, options.categories, options.descriptions, host.fill, services?.wording());
  const record = buildRecord(
    {
      method,
      ...settled,
      email,
      visitorId: host.visitorId,
      policyVersion: (await host.policyVersion) || host.record?.policyVersion || 'unavailable',
      // `location.origin` is "null" in an about:srcdoc frame; the document's own origin is the site.
      site: self.origin,
      expiresDays: options.expiresDays,
      gpc: host.gpc,
      language: host.language,
      wordingHash: await host.hash(wording),
    },
    new Date(),
  );
  // Stored, shared and queued before the page sees it: nothing a page effect does can lose it.
  try {
    await storage?.update('current', () => record);
  } catch (error) {
    report('the choice could not be stored', error);
  }
  host.channel?.postMessage(record);
  await keepRecord(storage!, record, wording, !!options.endpoint);
  if (options.endpoint) void host.deliver();
  await host.adopt(record, record.policyVersion, true);
  return record;
}

/** Grants every offered category but those Global Privacy Control refuses; e-mail is asked separately. */
export const acceptAll = (host: ChoiceHost): Promise<ConsentRecord> =>
  decide(host, 'accept-all', bulkChoices(true, host.options.categories, host.gpc), emailOf(host));

/** Refuses every optional category; the e-mail answer is asked separately and kept. */
export const rejectAll = (host: ChoiceHost): Promise<ConsentRecord> =>
  decide(host, 'reject-all', bulkChoices(false, host.options.categories, host.gpc), emailOf(host));

/** Refuses everything, e-mail included. */
export const withdraw = (host: ChoiceHost): Promise<ConsentRecord> =>
  decide(host, 'withdraw', bulkChoices(false, host.options.categories, false), { marketing: 'denied' });

/** Saves a choice: what is not given stays as it was; categories the site does not offer stay off. */
export function save(host: ChoiceHost, choice: ConsentChoice): Promise<ConsentRecord> {
  const chosen = { ...(!host.prompt && host.record?.categories), ...choice.categories };
  const categories = bulkChoices(false, [], false);
  for (const c of host.options.categories) categories[c] = !!chosen[c];
  const email: EmailConsent = { ...emailOf(host), ...choice.email };
  if (email.marketing !== 'granted' || !email.address) delete email.address;
  if (email.address !== undefined && !isEmailAddress(email.address)) {
    return Promise.reject(
      new TypeError(`[carat-consent] save(): ${JSON.stringify(email.address)} is not a valid e-mail address; nothing was saved`),
    );
  }
  return decide(host, 'custom', categories, email, choice.wording, { ...choice.categories, ...choice.services });
}
