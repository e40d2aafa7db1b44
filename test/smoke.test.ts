import { expect } from '@open-wc/testing';
import { createStore, set, get } from 'idb-keyval';

it('runs in a real browser with IndexedDB', async () => {
  const store = createStore('smoke', 'smoke');
  await set('k', { v: 1 }, store);
  expect(await get('k', store)).to.deep.equal({ v: 1 });
});
