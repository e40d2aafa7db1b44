import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { mountWidget, openedDialog, part, resetWidgets } from './widget.js';
import type { CaratConsentElement } from '../../src/ui/carat-consent.js';

/** Double opt-in as the visitor meets it (SPEC §12), against the real collector. */
describe('the receipt and promotional e-mail confirmation', () => {
  let collector: { url: string; adminToken: string };
  before(async () => {
    collector = (await (await fetch('/__collector.json')).json()) as typeof collector;
  });
  afterEach(resetWidgets);

  /** Grants e-mail with an address through the API and waits until the collector has the record. */
  async function grant(el: CaratConsentElement, address: string) {
    const delivered = oneEvent(el, 'carat-consent:delivered');
    const record = await el.save({ email: { marketing: 'granted', address } });
    await delivered;
    return record;
  }

  /** Opens the preferences afresh and returns the receipt's e-mail line once it has been asked. */
  async function emailLine(el: CaratConsentElement): Promise<string> {
    const open = part<HTMLDialogElement>(el, '#preferences');
    if (open?.open) {
      const closed = oneEvent(open, 'close');
      open.close();
      await closed;
    }
    await el.showPreferences();
    await openedDialog(el, 'preferences');
    await waitUntil(() => part(el, '[part~="email-status"]'), 'the receipt says where the address stands');
    return part(el, '[part~="email-status"]')!.textContent!.replace(/\s+/g, ' ').trim();
  }

  it('tells the visitor to check their inbox after a grant, and says "confirmed" once they followed the link', async () => {
    const el = await mountWidget({ endpoint: `${collector.url}/api/consent` });
    // An address of its own: the collector mails an address at most once a day.
    const address = `anna-${crypto.randomUUID().slice(0, 8)}@mail.example`;
    const record = await grant(el, address);
    expect(await emailLine(el)).to.equal(
      `We sent a link to ${address} to confirm it. Please check your inbox: offers come only once you confirm.`,
    );
    await expect(el).shadowDom.to.be.accessible();

    // The visitor follows the link in the mail the collector sent (SPEC §12).
    expect(await executeServerCommand('confirm-email', { address })).to.equal(200);
    const answer = await (await fetch(`${collector.url}/api/email-status?visitorId=${record.visitorId}`)).json();
    expect(answer).to.deep.equal({ status: 'confirmed' });
    expect(await emailLine(el)).to.equal(`Your e-mail address ${address} is confirmed.`);
    await expect(el).shadowDom.to.be.accessible();
  });

  it("says it in the visitor's language", async () => {
    const el = await mountWidget({ endpoint: `${collector.url}/api/consent`, lang: 'de' });
    const address = `grete-${crypto.randomUUID().slice(0, 8)}@mail.example`;
    await grant(el, address);
    expect(await emailLine(el)).to.equal(
      `Wir haben einen Bestätigungslink an ${address} gesendet. Bitte sehen Sie in Ihr Postfach: Angebote erhalten Sie erst nach Ihrer Bestätigung.`,
    );
  });

  it('asks nothing and says nothing about e-mail without a grant, or without a collector', async () => {
    const withoutAddress = await mountWidget({ endpoint: `${collector.url}/api/consent` });
    const delivered = oneEvent(withoutAddress, 'carat-consent:delivered');
    await withoutAddress.acceptAll();
    await delivered;
    await withoutAddress.showPreferences();
    await openedDialog(withoutAddress, 'preferences');
    await withoutAddress.updateComplete;
    expect(part(withoutAddress, '[part~="email-status"]')).to.equal(null);
    await resetWidgets();

    const local = await mountWidget();
    await local.save({ email: { marketing: 'granted', address: 'anna@mail.example' } });
    await local.showPreferences();
    await openedDialog(local, 'preferences');
    await local.updateComplete;
    expect(part(local, '[part~="email-status"]')).to.equal(null);
  });
});
