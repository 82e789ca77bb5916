import { startSandbox } from '../../sandbox/server';

describe('contact property definitions', () => {
	it('lists built-in and registered properties with their read-only flag', async () => {
		const sandbox = await startSandbox();
		try {
			sandbox.hubspot.registerProperties([{ name: 'favourite_colour', type: 'string' }]);
			const res = await fetch(`${sandbox.url}/hubspot/crm/v3/properties/contacts`, {
				headers: { Authorization: 'Bearer sandbox-hubspot-token' },
			});
			expect(res.status).toBe(200);
			const body = (await res.json()) as { results: Array<{ name: string; modificationMetadata: { readOnlyValue: boolean } }> };
			const byName = new Map(body.results.map((p) => [p.name, p]));
			expect(byName.get('email')?.modificationMetadata.readOnlyValue).toBe(false);
			expect(byName.get('createdate')?.modificationMetadata.readOnlyValue).toBe(true);
			expect(byName.has('favourite_colour')).toBe(true);
			const unauthorised = await fetch(`${sandbox.url}/hubspot/crm/v3/properties/contacts`);
			expect(unauthorised.status).toBe(401);
		} finally {
			await sandbox.close();
		}
	});
});
