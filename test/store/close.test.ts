import { expect, it } from 'vitest';
import { createTestDatabase, describeEachEngine } from '../support/engines.js';

describeEachEngine('closing a store', (engine) => {
  // A store handed to a harness that also disposes it is closed twice; the second close must not
  // throw (pg's pool refuses a second end()) nor hide the first close's effect.
  it('twice, or twice at once, is one close', async () => {
    const database = await createTestDatabase(engine);
    const store = await database.open();
    expect(await store.currentVersion()).toBe(0);
    await Promise.all([store.close(), store.close()]);
    await store.close();
    await expect(store.currentVersion()).rejects.toThrow();
    await database.dispose();
  });
});
