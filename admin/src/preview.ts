/**
 * The install form's live preview: the real widget (the copy beside the console) with the options
 * from the page's fragment, on a fresh visitor's storage so its banner always shows. Choices made
 * here are kept in this browser only: the preview is given no endpoint.
 */
async function freshVisitor(): Promise<void> {
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase('carat-consent');
    request.onsuccess = request.onerror = request.onblocked = resolve;
  });
}

function options(): Record<string, unknown> {
  try {
    return JSON.parse(decodeURIComponent(location.hash.slice(1)) || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

async function show(): Promise<void> {
  await freshVisitor();
  const { categories, services, endpoint: _endpoint, ...attributes } = options();
  const config = document.createElement('script');
  config.type = 'application/json';
  config.id = 'carat-consent-config';
  config.textContent = JSON.stringify(services ? { categories, services } : { categories });
  document.head.append(config);
  const widget = document.createElement('script');
  widget.src = 'widget/carat-consent.js';
  for (const [key, value] of Object.entries(attributes)) widget.setAttribute(`data-${key}`, String(value));
  document.head.append(widget);
}

// Another set of options is a new page for the widget: it reads its options once.
window.addEventListener('hashchange', () => location.reload());
void show();
