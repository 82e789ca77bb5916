import { createHash } from 'node:crypto';
import { startApollo, type ApolloClient } from './apollo-client';

let client: ApolloClient;

beforeAll(async () => {
	client = await startApollo({ apollo: { defaultSeed: false } });
});
afterAll(() => client.sandbox.close());
beforeEach(() => {
	client.sandbox.reset();
	const apollo = client.sandbox.apollo;
	apollo.seedOrganizations([
		{ name: 'Acme Corp', primary_domain: 'acme.example' },
		{ name: 'Berlin Widgets', primary_domain: 'berlin-widgets.example', country: 'Germany' },
	]);
	apollo.seedPeople([
		{
			id: 'a00000000000000000000001',
			first_name: 'Ann',
			last_name: 'Lee',
			email: 'ann.lee@acme.example',
			title: 'VP Sales',
			personal_emails: ['ann.lee.home@example.net'],
			mobile_phone: '+1 415-555-0101',
			linkedin_url: 'https://www.linkedin.com/in/ann-lee',
			country: 'United States',
			domain: 'acme.example',
		},
		{
			id: 'a00000000000000000000002',
			first_name: 'Bob',
			last_name: 'Stone',
			email: 'bob.stone@acme.example',
			country: 'United States',
			domain: 'acme.example',
		},
		{
			id: 'a00000000000000000000003',
			first_name: 'Greta',
			last_name: 'Krause',
			email: 'greta@berlin-widgets.example',
			personal_emails: ['greta.k@example.net'],
			mobile_phone: '+49 30 5550199',
			country: 'Germany',
			domain: 'berlin-widgets.example',
		},
	]);
});

const credits = () => client.sandbox.apollo.creditSnapshot();

describe('Apollo sandbox: people/match', () => {
	it('matches by email, costs 1 credit, and shows the work email but no phone', async () => {
		const response = await client.api('POST', '/people/match', { email: 'ANN.LEE@acme.example' });
		expect(response.status).toBe(200);
		expect(response.body.person).toMatchObject({
			id: 'a00000000000000000000001',
			first_name: 'Ann',
			last_name: 'Lee',
			name: 'Ann Lee',
			email: 'ann.lee@acme.example',
			email_status: 'verified',
			personal_emails: [],
			phone_numbers: [],
			organization: { name: 'Acme Corp', primary_domain: 'acme.example' },
		});
		expect(response.body.request_id).toBeUndefined();
		expect(credits()).toMatchObject({
			starting: 10_000,
			consumed: 1,
			balance: 9_999,
			byEndpoint: { '/people/match': 1 },
		});
	});

	it('matches by name and domain or organization name, LinkedIn URL, id and hashed email', async () => {
		const ids = async (body: Record<string, unknown>) =>
			(await client.api('POST', '/people/match', body)).body.person?.id;
		const ann = 'a00000000000000000000001';
		expect(await ids({ first_name: 'ann', last_name: 'LEE', domain: 'https://www.acme.example/' })).toBe(ann);
		expect(await ids({ name: 'Ann Lee', organization_name: 'acme corp' })).toBe(ann);
		expect(await ids({ linkedin_url: 'linkedin.com/in/ann-lee/' })).toBe(ann);
		expect(await ids({ id: ann })).toBe(ann);
		const md5 = createHash('md5').update('ann.lee@acme.example').digest('hex');
		const sha = createHash('sha256').update('ann.lee@acme.example').digest('hex');
		expect(await ids({ hashed_email: md5 })).toBe(ann);
		expect(await ids({ hashed_email: sha })).toBe(ann);
		// A name alone identifies nobody.
		expect(await ids({ first_name: 'Ann', last_name: 'Lee' })).toBeUndefined();
		expect(credits().consumed).toBe(6);
	});

	it('takes its parameters from the query string too, as Apollo documents them', async () => {
		const response = await client.api(
			'POST',
			'/people/match?email=bob.stone%40acme.example&reveal_personal_emails=true',
		);
		expect(response.body.person.id).toBe('a00000000000000000000002');
	});

	it('answers {person: null} for no match and charges nothing', async () => {
		const response = await client.api('POST', '/people/match', { email: 'nobody@nowhere.example' });
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ person: null });
		expect(credits()).toMatchObject({ consumed: 0, balance: 10_000 });
	});

	it('reveals personal emails only when asked and never for people in GDPR regions', async () => {
		const ann = await client.api('POST', '/people/match', {
			email: 'ann.lee@acme.example',
			reveal_personal_emails: true,
		});
		expect(ann.body.person.personal_emails).toEqual(['ann.lee.home@example.net']);
		const greta = await client.api('POST', '/people/match', {
			email: 'greta@berlin-widgets.example',
			reveal_personal_emails: true,
		});
		expect(greta.body.person.country).toBe('Germany');
		expect(greta.body.person.personal_emails).toEqual([]);
		expect(credits().consumed).toBe(2);
	});

	it('refuses reveal_phone_number and waterfalls without a webhook_url (400) before spending credits', async () => {
		for (const option of ['reveal_phone_number', 'run_waterfall_email', 'run_waterfall_phone']) {
			const response = await client.api('POST', '/people/match', {
				email: 'ann.lee@acme.example',
				[option]: true,
			});
			expect(response.status).toBe(400);
			expect(response.body).toEqual({
				error: expect.stringContaining(`'webhook_url'`),
				error_code: 'BAD_REQUEST',
			});
			expect(response.body.error).toContain(option);
		}
		const notAUrl = await client.api('POST', '/people/match', {
			email: 'ann.lee@acme.example',
			reveal_phone_number: true,
			webhook_url: 'not a url',
		});
		expect(notAUrl.status).toBe(400);
		expect(credits().consumed).toBe(0);
	});

	it('answers 422 INSUFFICIENT_CREDITS when the balance cannot pay, and spends nothing', async () => {
		client.sandbox.apollo.setCreditBalance(0);
		const response = await client.api('POST', '/people/match', { email: 'ann.lee@acme.example' });
		expect(response.status).toBe(422);
		expect(response.body.error_code).toBe('INSUFFICIENT_CREDITS');
		// No match costs nothing, so it still answers.
		expect((await client.api('POST', '/people/match', { email: 'x@nowhere.example' })).status).toBe(200);
		expect(credits()).toMatchObject({ consumed: 0, balance: 0 });
	});
});

describe('Apollo sandbox: people/bulk_match', () => {
	it('answers in input order with null for no match, counting records and credits', async () => {
		const response = await client.api('POST', '/people/bulk_match', {
			details: [
				{ email: 'bob.stone@acme.example' },
				{ email: 'ghost@nowhere.example' },
				{ first_name: 'Ann', last_name: 'Lee', domain: 'acme.example' },
				{ email: 'ann.lee@acme.example' },
			],
		});
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({
			status: 'success',
			error_code: null,
			total_requested_enrichments: 4,
			unique_enriched_records: 2,
			missing_records: 1,
			credits_consumed: 2,
		});
		expect(response.body.matches.map((match: { id: string } | null) => match?.id ?? null)).toEqual([
			'a00000000000000000000002',
			null,
			'a00000000000000000000001',
			'a00000000000000000000001',
		]);
		expect(credits()).toMatchObject({ consumed: 2, byEndpoint: { '/people/bulk_match': 2 } });
		const logged = client.sandbox.requests.list({ platform: 'apollo', path: 'bulk_match' });
		expect(logged).toEqual([expect.objectContaining({ status: 200, inputs: 4 })]);
	});

	it('takes at most 10 details (11 is a 422) and needs a non-empty list', async () => {
		const details = (count: number) =>
			Array.from({ length: count }, (_, index) => ({ email: `p${index}@nowhere.example` }));
		expect((await client.api('POST', '/people/bulk_match', { details: details(10) })).status).toBe(200);
		const tooMany = await client.api('POST', '/people/bulk_match', { details: details(11) });
		expect(tooMany.status).toBe(422);
		expect(tooMany.body.error).toMatch(/maximum is 10/);
		expect((await client.api('POST', '/people/bulk_match', { details: [] })).status).toBe(422);
		expect((await client.api('POST', '/people/bulk_match', {})).status).toBe(422);
	});

	it('applies reveal_personal_emails to every match, still hiding GDPR people', async () => {
		const response = await client.api('POST', '/people/bulk_match', {
			reveal_personal_emails: true,
			details: [{ email: 'ann.lee@acme.example' }, { email: 'greta@berlin-widgets.example' }],
		});
		expect(
			response.body.matches.map((match: { personal_emails: string[] }) => match.personal_emails),
		).toEqual([['ann.lee.home@example.net'], []]);
	});
});

describe('Apollo sandbox: organizations', () => {
	it('enriches one company by domain for 1 credit, and answers {organization: null} for free', async () => {
		const found = await client.api('GET', '/organizations/enrich?domain=www.acme.example');
		expect(found.status).toBe(200);
		expect(found.body.organization).toMatchObject({ name: 'Acme Corp', primary_domain: 'acme.example' });
		const missing = await client.api('GET', '/organizations/enrich?domain=unknown.example');
		expect(missing.body).toEqual({ organization: null });
		expect((await client.api('GET', '/organizations/enrich')).status).toBe(422);
		expect(credits().consumed).toBe(1);
	});

	it('bulk-enriches up to 10 domains, returning only the companies found', async () => {
		const response = await client.api('POST', '/organizations/bulk_enrich', {
			domains: ['berlin-widgets.example', 'unknown.example', 'acme.example'],
		});
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({
			status: 'success',
			total_requested_domains: 3,
			unique_enriched_records: 2,
			missing_records: 1,
		});
		expect(response.body.organizations.map((org: { primary_domain: string }) => org.primary_domain)).toEqual([
			'berlin-widgets.example',
			'acme.example',
		]);
		expect(credits().consumed).toBe(2);
		const domains = Array.from({ length: 11 }, (_, index) => `d${index}.example`);
		const tooMany = await client.api('POST', '/organizations/bulk_enrich', { domains });
		expect(tooMany.status).toBe(422);
	});
});
