import { oneEvent, waitUntil } from '@open-wc/testing';
import { clear, createStore, set } from 'idb-keyval';
import { defineCaratConsent } from '../../src/define.js';
import { HINT_COOKIE } from '../../src/hint.js';
import { DB_NAME } from '../../src/storage.js';
import type { CaratConsentElement } from '../../src/ui/carat-consent.js';
import type { ConsentRecord } from '../../src/types.js';

defineCaratConsent();

/** The widget's real IndexedDB store, as the element opens it. */
export const store = createStore('carat-consent', 'consent');

const mounted: Element[] = [];

/** The policy the tests' widgets show, from a `<template>` in the page. */
export const POLICY = `# Privacy policy

Welcome to {{siteName}}. Write to [us](mailto:{{contactEmail}}).

## Cookies

We use *cookies* to keep your **basket**.

- one
- two
`;

/**
 * Mounts a `<carat-consent>` with the given attributes (and options as an object, as the JSON
 * config gives them) and waits until its stored state is known.
 */
export async function mountWidget(attributes: Record<string, string> = {}, config: Record<string, unknown> = {}): Promise<CaratConsentElement> {
  if (!document.getElementById('test-policy')) {
    const template = document.createElement('template');
    template.id = 'test-policy';
    template.content.append(POLICY);
    document.head.append(template);
  }
  const element = document.createElement('carat-consent');
  element.config = config;
  const all = { policy: '#test-policy', 'site-name': 'Cluster Carat', 'contact-email': 'privacy@clustercarat.example', ...attributes };
  for (const [name, value] of Object.entries(all)) element.setAttribute(name, value);
  const ready = oneEvent(element, 'carat-consent:ready');
  document.body.append(element);
  mounted.push(element);
  await ready;
  await element.updateComplete;
  return element;
}

/** Removes every mounted widget and empties the store and the hint, so each test is a first visit. */
export async function resetWidgets(): Promise<void> {
  mounted.splice(0).forEach((e) => e.remove());
  document.documentElement.style.scrollPaddingBottom = '';
  document.documentElement.style.paddingBottom = '';
  document.cookie = `${HINT_COOKIE}=;path=/;max-age=0`;
  localStorage.removeItem(DB_NAME);
  await clear(store);
}

/** Stores a record as a previous visit would have, which also noted in localStorage that the database exists. */
export async function storeRecord(record: ConsentRecord): Promise<void> {
  await set('current', record, store);
  localStorage.setItem(DB_NAME, '1');
}

/** An element in the widget's shadow root. */
export function part<T extends Element = HTMLElement>(element: CaratConsentElement, selector: string): T | null {
  return element.shadowRoot!.querySelector<T>(selector);
}

/** The button with exactly this text in the widget's shadow root. */
export function button(element: CaratConsentElement, text: string): HTMLButtonElement {
  const found = [...element.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

/** Waits until the named dialog (`preferences` or `policy`) is open, and returns it. */
export async function openedDialog(element: CaratConsentElement, name: string): Promise<HTMLDialogElement> {
  await waitUntil(() => part<HTMLDialogElement>(element, `#${name}`)?.open, `the ${name} dialog opens`);
  return part<HTMLDialogElement>(element, `#${name}`)!;
}
