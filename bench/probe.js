// Injected with addInitScript before any page script. Measures in the page, so the numbers carry no
// Node-to-browser round trips: `performance.now()` counts from navigation start.
// - `__bench.bannerAt`: the first animation frame in which an "Accept all" button is rendered and
//   visible (inside open shadow roots too). A frame callback runs just before that frame is painted.
// - `__bench.analyticsAt`: the moment the gated analytics script sets `window.__analyticsRan`.
(() => {
  const label = /^\s*accept all\s*$/i;
  let resolveBanner;
  let resolveAnalytics;
  const banner = new Promise((resolve) => (resolveBanner = resolve));
  const analytics = new Promise((resolve) => (resolveAnalytics = resolve));

  function* buttonsIn(root) {
    for (const element of root.querySelectorAll('*')) {
      if (element.shadowRoot) yield* buttonsIn(element.shadowRoot);
      if (element.localName === 'button' || element.getAttribute('role') === 'button') yield element;
    }
  }

  // Visible to a person: laid out, not hidden, not fully transparent, and inside the viewport.
  function isVisible(element) {
    if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 &&
      box.top < innerHeight && box.left < innerWidth;
  }

  function watch() {
    const now = performance.now();
    for (const button of buttonsIn(document)) {
      if (label.test(button.textContent) && isVisible(button)) {
        window.__bench.bannerAt = now;
        resolveBanner(now);
        return;
      }
    }
    requestAnimationFrame(watch);
  }
  requestAnimationFrame(watch);

  let analyticsRan;
  Object.defineProperty(window, '__analyticsRan', {
    configurable: true,
    get: () => analyticsRan,
    set(value) {
      analyticsRan = value;
      window.__bench.analyticsAt = value;
      resolveAnalytics(value);
    },
  });

  const within = (promise, ms, what) =>
    Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: none within ${ms} ms`)), ms))]);

  window.__bench = {
    bannerAt: undefined,
    analyticsAt: undefined,
    /** @param {number} ms */
    banner: (ms) => within(banner, ms, 'Accept all button'),
    /** @param {number} ms */
    analytics: (ms) => within(analytics, ms, 'gated analytics script'),
  };
})();
