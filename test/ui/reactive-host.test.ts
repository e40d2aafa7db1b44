import { expect } from '@open-wc/testing';
import { ReactiveHost } from '../../src/ui/reactive-host.js';

/** Counts its renders, and asks for one more render from `updated` while `again` is set. */
class CountingHost extends ReactiveHost {
  static override styles = 'p { color: rgb(1, 2, 3); }';
  renders = 0;
  again = false;
  protected override render() {
    this.renders++;
    this.renderRoot.replaceChildren(Object.assign(document.createElement('p'), { textContent: String(this.renders) }));
  }
  protected override updated(): void {
    if (this.again) {
      this.again = false;
      this.requestUpdate();
    }
  }
}
customElements.define('counting-host', CountingHost);

describe('ReactiveHost: what the widget uses of LitElement, without Lit', () => {
  let element: CountingHost;
  beforeEach(async () => {
    element = document.createElement('counting-host') as CountingHost;
    document.body.append(element);
    await element.updateComplete;
  });
  afterEach(() => element.remove());

  it('renders once when connected, with its styles adopted in its open shadow root', () => {
    expect(element.renders).to.equal(1);
    const paragraph = element.shadowRoot!.querySelector('p')!;
    expect(paragraph.textContent).to.equal('1');
    expect(getComputedStyle(paragraph).color).to.equal('rgb(1, 2, 3)');
  });

  it('batches the updates asked for in one task into one render', async () => {
    element.requestUpdate();
    element.requestUpdate();
    await element.updateComplete;
    expect(element.renders).to.equal(2);
  });

  it('settles updateComplete only once an update asked for while updating has rendered too', async () => {
    element.again = true;
    element.requestUpdate();
    await element.updateComplete;
    expect(element.renders).to.equal(3);
    expect(element.shadowRoot!.querySelector('p')!.textContent).to.equal('3');
  });

  it('tells its controllers when it connects and disconnects', () => {
    const seen: string[] = [];
    element.addController({ hostConnected: () => seen.push('connected'), hostDisconnected: () => seen.push('disconnected') });
    element.remove();
    document.body.append(element);
    expect(seen).to.deep.equal(['connected', 'disconnected', 'connected']);
  });
});
