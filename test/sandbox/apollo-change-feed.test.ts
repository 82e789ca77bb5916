/**
 * Apollo's change feed against the in-process sandbox: seeded contacts with known update times, read
 * since a time oldest first with as few search pages as the changes need; an update made through the API
 * shows up in the next read.
 */
import { collect } from '../../src/core/provider';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apolloCalls, sandboxProvider } from '../helpers/apollo-sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ apollo: { defaultSeed: false } });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const BASE = Date.UTC(2026, 9, 1);

function seed(count: number): string[] {
	return sandbox.apollo.seedContacts(
		Array.from({ length: count }, (_, i) => ({
			first_name: `Feed${i}`,
			email: `feed${i}@change.example`,
			created_at: BASE,
			updated_at: BASE + i * 60_000,
		})),
	);
}

describe('Apollo change feed on the sandbox', () => {
	it('reads the 120 contacts changed since a time, oldest first, in 2 search pages of the 4 the account fills', async () => {
		const ids = seed(400);
		sandbox.requests.clear();
		const provider = sandboxProvider(sandbox);
		const feed = await collect(provider.getUpdatedContacts(new Date(BASE + 280 * 60_000)));
		expect(feed.map((c) => c.id)).toEqual(ids.slice(280));
		expect(feed.map((c) => c.email)).toEqual(ids.slice(280).map((_, i) => `feed${280 + i}@change.example`));
		// Newest first: page 1 = 399..300, page 2 = 299..200 holds the first older one; no page 3 or 4.
		expect(apolloCalls(sandbox, '/contacts/search').map((r) => r.status)).toEqual([200, 200]);
	});

	it('an update through the API moves the contact to the end of the next read', async () => {
		const ids = seed(50);
		const provider = sandboxProvider(sandbox);
		const since = new Date(BASE + 45 * 60_000);
		expect((await collect(provider.getUpdatedContacts(since))).map((c) => c.id)).toEqual(ids.slice(45));
		await provider.updateContact(ids[3], { title: 'Changed' });
		const next = await collect(provider.getUpdatedContacts(since));
		expect(next.map((c) => c.id)).toEqual([...ids.slice(45), ids[3]]);
		expect(next.at(-1)?.title).toBe('Changed');
	});
});
