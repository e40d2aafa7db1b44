/** The install form's values, as typed. */
export interface InstallForm {
  scriptUrl: string;
  endpoint: string;
  policyUrl: string;
  siteName: string;
  contactEmail: string;
  categories: string[];
  services: string;
  theme: string;
  position: string;
  lang: string;
}

/** The snippet for the shop: a script tag for the plain options, a JSON config for the lists. */
export interface InstallOutput {
  tag: string;
  config: string;
  /** The options as the widget takes them, for the live preview. */
  options: Record<string, unknown>;
}

/** The form's fields a mistake can be in, for a message beside each. */
export type InstallErrors = Partial<Record<keyof InstallForm, string>>;

const ID = /^[a-z][a-z0-9-]*$/;

function isAddress(value: string): boolean {
  if (value.startsWith('/') && !value.startsWith('//')) return true;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** The service ids typed, comma or space separated. */
export function serviceIds(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** Checks the form the way the widget will check its options, naming each field and value. */
export function installErrors(form: InstallForm): InstallErrors {
  const errors: InstallErrors = {};
  if (!isAddress(form.scriptUrl)) errors.scriptUrl = `"${form.scriptUrl}" is not an http(s) address or a path starting with /.`;
  if (!form.endpoint) errors.endpoint = 'Enter the address records are sent to, e.g. https://consent.example.com/api/consent.';
  else if (!isAddress(form.endpoint)) errors.endpoint = `"${form.endpoint}" is not an http(s) address or a path starting with /.`;
  if (form.policyUrl && !isAddress(form.policyUrl)) errors.policyUrl = `"${form.policyUrl}" is not an http(s) address or a path starting with /.`;
  if (form.contactEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.contactEmail)) {
    errors.contactEmail = `"${form.contactEmail}" is not an e-mail address.`;
  }
  const badService = serviceIds(form.services).find((id) => !ID.test(id));
  if (badService) errors.services = `"${badService}" is not a service id: lower-case letters, digits and hyphens, starting with a letter.`;
  return errors;
}

const escapeAttribute = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** Writes the snippet for a valid form. */
export function installOutput(form: InstallForm): InstallOutput {
  const attributes: [string, string][] = [
    ['endpoint', form.endpoint],
    ['policy-url', form.policyUrl],
    ['site-name', form.siteName],
    ['contact-email', form.contactEmail],
    ['theme', form.theme],
    ['position', form.position],
    ['lang', form.lang],
  ];
  const tag = [
    `<script src="${escapeAttribute(form.scriptUrl)}" async`,
    ...attributes.filter(([, v]) => v).map(([k, v]) => `        data-${k}="${escapeAttribute(v)}"`),
  ].join('\n') + '></script>';
  const lists: Record<string, unknown> = { categories: form.categories };
  const services = serviceIds(form.services);
  if (services.length) lists.services = services;
  // `</` would end the script element the JSON sits in.
  const json = JSON.stringify(lists, null, 2).replaceAll('</', '<\\/');
  const config = `<script type="application/json" id="carat-consent-config">\n${json}\n</script>`;
  const options: Record<string, unknown> = { ...lists };
  for (const [key, value] of attributes) if (value) options[key] = value;
  return { tag, config, options };
}
