// The floor (bench/README.md): the least a consent banner can be. A custom element with an open
// shadow root, two buttons and a cookie; no options, no wording, no storage but the cookie, no
// record. Every widget's figures sit above this one's on the same page and machine.
const runGated = () => {
  for (const gated of document.querySelectorAll('script[type="text/plain"][data-consent]')) {
    const script = document.createElement('script');
    script.text = gated.text;
    gated.replaceWith(script);
  }
};

customElements.define(
  'floor-banner',
  class extends HTMLElement {
    connectedCallback() {
      if (document.cookie.includes('floor=accepted')) return runGated();
      const root = this.attachShadow({ mode: 'open' });
      root.innerHTML = `<div style="position:fixed;inset:auto 0 0;background:#fff;border:1px solid #767680;padding:1rem">
        <h2>Bench Shop uses cookies</h2><p>We use analytics cookies to improve the shop.</p>
        <button>Accept all</button> <button>Reject all</button></div>`;
      const [accept, reject] = root.querySelectorAll('button');
      accept.onclick = () => {
        document.cookie = 'floor=accepted;path=/;max-age=15552000';
        this.remove();
        runGated();
      };
      reject.onclick = () => this.remove();
    }
  },
);
document.body.prepend(document.createElement('floor-banner'));
