/**
 * The HubSpot CRM node inside a real n8n: every contact operation driven through an active workflow
 * (Webhook → [Split Out] → HubSpot CRM, parameters from expressions on the webhook body), with the
 * sandbox's own state and request log checked after each step, so a node that merely answers plausibly
 * is not enough.
 *
 * Data is scoped by a per-run tag instead of resetting the sandbox: a reset would also drop the OAuth
 * grant this scenario obtains at setup for the OAuth2 credential.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { CredentialImport, Scenario, ScenarioContext, SetupContext } from '../lib/scenario';
import type { SandboxContact } from '../lib/sandbox';
import type { WebhookResponse } from '../lib/webhook';
import { AUTO_MAP_BY_EMAIL, hubspotCrmNode, stableId, webhookWorkflow, type NodeSpec } from '../lib/workflow';
import { findSecrets } from '../lib/log-scan';

const NAME = 'hubspot-contacts';
const TAG = `e2e${Date.now().toString(36)}`;
const BATCH_SIZE = 250;
const SEARCH_MATCHES = 450;

/** HubSpot's dated token endpoint, which the OAuth2 credential uses (v1 stops on 2027-02-16). */
const TOKEN_ENDPOINT = '/oauth/2026-03/token';

const appToken = (ctx: SetupContext): CredentialImport => ({
	id: stableId(`${NAME}/app-token`),
	name: '[e2e] HubSpot sandbox (app token)',
	type: 'crmHubSpotAppTokenApi',
	data: { accessToken: ctx.platforms.hubspot.token, baseUrl: ctx.platforms.hubspot.url },
});

/** Filled at setup by a real authorization-code + PKCE exchange with the sandbox. */
let oauthTokens:
	| { access_token: string; refresh_token: string; expires_in: number; token_type: string }
	| undefined;

const oauth = (ctx: SetupContext): CredentialImport => ({
	id: stableId(`${NAME}/oauth2`),
	name: '[e2e] HubSpot sandbox (OAuth2)',
	type: 'crmHubSpotOAuth2Api',
	data: {
		clientId: ctx.platforms.hubspot.oauth.clientId,
		clientSecret: ctx.platforms.hubspot.oauth.clientSecret,
		baseUrl: ctx.platforms.hubspot.url,
		oauthTokenData: oauthTokens ?? {},
	},
});

/** Authorization code with PKCE, as n8n's OAuth2 callback would do it, so the credential holds real tokens. */
async function obtainOAuthTokens(ctx: SetupContext): Promise<NonNullable<typeof oauthTokens>> {
	const verifier = randomBytes(32).toString('base64url');
	const challenge = createHash('sha256').update(verifier).digest('base64url');
	const redirectUri = `${ctx.n8nUrl}/rest/oauth2-credential/callback`;
	const { url: hubspotUrl, oauth: app } = ctx.platforms.hubspot;
	const authorize = new URL(`${hubspotUrl}/oauth/authorize`);
	authorize.search = new URLSearchParams({
		client_id: app.clientId,
		redirect_uri: redirectUri,
		scope: 'crm.objects.contacts.read crm.objects.contacts.write',
		code_challenge: challenge,
		code_challenge_method: 'S256',
		state: 'e2e',
	}).toString();
	const redirect = await fetch(authorize, { redirect: 'manual' });
	const location = redirect.headers.get('location');
	const code = location ? new URL(location).searchParams.get('code') : null;
	if (!code)
		throw new Error(`sandbox authorize answered ${redirect.status} without a code: ${await redirect.text()}`);
	const token = await fetch(`${hubspotUrl}${TOKEN_ENDPOINT}`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'authorization_code',
			client_id: app.clientId,
			client_secret: app.clientSecret,
			redirect_uri: redirectUri,
			code,
			code_verifier: verifier,
		}),
	});
	const body = (await token.json()) as NonNullable<typeof oauthTokens>;
	if (!token.ok || !body.access_token)
		throw new Error(`sandbox token exchange failed (${token.status}): ${JSON.stringify(body)}`);
	return body;
}

const FIELD_KEYS = [
	'firstName',
	'lastName',
	'company',
	'jobTitle',
	'phone',
	'website',
	'city',
	'state',
	'country',
	'linkedinUrl',
];

/** `{key: '={{ <source>.key }}'}` for each key: n8n evaluates them per item. */
function fromBody(keys: string[], source = '$json.body'): Record<string, string> {
	return Object.fromEntries(keys.map((key) => [key, `={{ ${source}.${key} }}`]));
}

const paths = {
	create: 'e2e-hubspot-create',
	getById: 'e2e-hubspot-get-by-id',
	getByEmail: 'e2e-hubspot-get-by-email',
	updateById: 'e2e-hubspot-update-by-id',
	updateByEmail: 'e2e-hubspot-update-by-email',
	upsert: 'e2e-hubspot-upsert-batch',
	search: 'e2e-hubspot-search',
	getAll: 'e2e-hubspot-get-all',
	getChanged: 'e2e-hubspot-get-changed',
	delete: 'e2e-hubspot-delete',
	oauthGet: 'e2e-hubspot-oauth-get',
};

function workflows(ctx: SetupContext) {
	const token = appToken(ctx);
	const wf = (key: keyof typeof paths, nodes: NodeSpec[]) =>
		webhookWorkflow({
			id: stableId(`${NAME}/${key}`),
			name: `[e2e] ${NAME}: ${key}`,
			path: paths[key],
			nodes,
		});
	return [
		wf('create', [
			hubspotCrmNode(
				{
					operation: 'create',
					columns: {
						mappingMode: 'defineBelow',
						value: {
							// Unified field names; the body's jobTitle and website are the unified title and domain.
							...fromBody(['email', ...FIELD_KEYS.filter((key) => key !== 'jobTitle' && key !== 'website')]),
							title: '={{ $json.body.jobTitle }}',
							domain: '={{ $json.body.website }}',
							lifecyclestage: '={{ $json.body.lifecycle }}',
						},
						matchingColumns: [],
						schema: [],
					},
				},
				token,
			),
		]),
		wf('getById', [
			hubspotCrmNode(
				{
					operation: 'get',
					lookupBy: 'id',
					contactId: '={{ $json.body.id }}',
					options: { properties: 'lifecyclestage' },
				},
				token,
			),
		]),
		wf('getByEmail', [
			hubspotCrmNode(
				{ operation: 'get', lookupBy: 'email', email: '={{ $json.body.email }}', options: {} },
				token,
			),
		]),
		wf('updateById', [
			hubspotCrmNode(
				{
					operation: 'update',
					columns: {
						mappingMode: 'defineBelow',
						value: {
							id: '={{ $json.body.id }}',
							title: '={{ $json.body.jobTitle }}',
							city: '={{ $json.body.city }}',
						},
						matchingColumns: ['id'],
						schema: [],
					},
				},
				token,
			),
		]),
		wf('updateByEmail', [
			hubspotCrmNode(
				{
					operation: 'update',
					columns: {
						mappingMode: 'defineBelow',
						value: { email: '={{ $json.body.email }}', phone: '={{ $json.body.phone }}' },
						matchingColumns: ['email'],
						schema: [],
					},
				},
				token,
			),
		]),
		wf('upsert', [
			{
				name: 'Split Out',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				parameters: { fieldToSplitOut: 'body.contacts', include: 'noOtherFields', options: {} },
			},
			hubspotCrmNode(
				{
					// Map Automatically: each item's keys (email, firstName, lastName, jobTitle → jobtitle), no per-item expressions.
					operation: 'upsert',
					columns: AUTO_MAP_BY_EMAIL,
				},
				token,
			),
		]),
		wf('search', [
			hubspotCrmNode(
				{
					operation: 'search',
					filters: {
						filter: [
							{ property: '={{ $json.body.property }}', operator: 'EQ', value: '={{ $json.body.value }}' },
						],
					},
					query: '',
					returnAll: true,
					options: { properties: 'company' },
				},
				token,
			),
		]),
		wf('getAll', [
			hubspotCrmNode(
				{ operation: 'getAll', returnAll: false, limit: '={{ $json.body.limit }}', options: {} },
				token,
			),
		]),
		wf('getChanged', [
			hubspotCrmNode({ operation: 'getChanged', since: '={{ $json.body.since }}', returnAll: true }, token),
		]),
		wf('delete', [hubspotCrmNode({ operation: 'delete', contactId: '={{ $json.body.id }}' }, token)]),
		wf('oauthGet', [
			hubspotCrmNode(
				{ operation: 'get', lookupBy: 'id', contactId: '={{ $json.body.id }}', options: {} },
				oauth(ctx),
			),
		]),
	];
}

type Unified = {
	id: string;
	email?: string;
	firstName?: string;
	lastName?: string;
	company?: string;
	title?: string;
	phone?: string;
	linkedinUrl?: string;
	domain?: string;
	location?: { city?: string; state?: string; country?: string };
	properties?: Record<string, unknown>;
	ids?: Record<string, string>;
	createdAt?: string;
	updatedAt?: string;
	created?: boolean;
	deleted?: boolean;
};

/**
 * Every check brings its own contacts (seeded straight into the sandbox, unique to the check and the run)
 * and drives its own operation's workflow, so a failing create, say, cannot take the reads, updates and
 * deletes down with it.
 */
async function run(ctx: ScenarioContext): Promise<void> {
	const { assert } = ctx;
	const hubspot = ctx.platforms.hubspot;
	const items = (res: WebhookResponse, count?: number): Unified[] => {
		assert.status(res, 200);
		return assert.array(res.json, count) as Unified[];
	};
	const contactsOf = async (predicate: (c: SandboxContact) => boolean) =>
		(await ctx.sandbox.hubspotContacts()).filter(predicate);
	const byEmail = async (email: string) =>
		(await contactsOf((c) => c.properties.email === email && !c.archived))[0];
	/** One contact of this check's own, seeded without going through the node; returns its id. */
	const seedOne = async (label: string, properties: Record<string, string> = {}) => {
		const email = `${label}.${TAG}@example.com`;
		const [id] = await ctx.sandbox.seedHubspotContacts([
			{
				properties: {
					email,
					firstname: 'Grace',
					lastname: 'Hopper',
					jobtitle: 'Rear Admiral',
					city: 'Arlington',
					country: 'United States',
					lifecyclestage: 'lead',
					...properties,
				},
			},
		]);
		assert.ok(id, `the sandbox seeded ${email}`);
		return { id, email };
	};

	await ctx.check('create: the contact is written with every field and returned unified', async () => {
		const person = {
			email: `ada.${TAG}@example.com`,
			firstName: 'Ada',
			lastName: 'Lovelace',
			company: `${TAG} Engines`,
			jobTitle: 'Analyst',
			phone: '+44 20 7946 0000',
			website: 'https://engines.example.com',
			city: 'London',
			state: 'Greater London',
			country: 'United Kingdom',
			linkedinUrl: 'https://www.linkedin.com/in/ada-lovelace-e2e',
			lifecycle: 'lead',
		};
		await ctx.sandbox.clearRequests();
		const [out] = items(await ctx.webhook(paths.create, person), 1);
		assert.ok(out.id, 'output id');
		assert.equal(out.email, person.email, 'email');
		assert.equal(out.firstName, 'Ada', 'firstName');
		assert.equal(out.lastName, 'Lovelace', 'lastName');
		assert.equal(out.company, person.company, 'company');
		assert.equal(out.title, 'Analyst', 'title');
		assert.equal(out.phone, person.phone, 'phone');
		assert.equal(out.linkedinUrl, person.linkedinUrl, 'linkedinUrl');
		assert.equal(out.domain, person.website, 'domain');
		assert.deepEqual(
			out.location,
			{ city: 'London', state: 'Greater London', country: 'United Kingdom' },
			'location',
		);
		assert.equal(out.ids?.hubspot, out.id, 'ids.hubspot');
		assert.ok(out.createdAt && out.updatedAt, 'createdAt/updatedAt');

		const stored = await byEmail(person.email);
		assert.ok(stored, `sandbox has a contact with ${person.email}`);
		assert.equal(stored.id, out.id, 'sandbox id');
		assert.deepEqual(
			pick(stored.properties, [
				'firstname',
				'lastname',
				'company',
				'jobtitle',
				'phone',
				'website',
				'city',
				'state',
				'country',
				'hs_linkedin_url',
				'lifecyclestage',
			]),
			{
				firstname: 'Ada',
				lastname: 'Lovelace',
				company: person.company,
				jobtitle: 'Analyst',
				phone: person.phone,
				website: person.website,
				city: 'London',
				state: 'Greater London',
				country: 'United Kingdom',
				hs_linkedin_url: person.linkedinUrl,
				lifecyclestage: 'lead',
			},
			'sandbox properties',
		);
		const creates = await ctx.sandbox.requests('hubspot', {
			method: 'POST',
			path: '^/crm/v3/objects/contacts$',
		});
		assert.equal(creates.length, 1, 'POST /crm/v3/objects/contacts requests');
	});

	await ctx.check('get by id: reads the contact back, with an extra property asked for', async () => {
		const { id, email } = await seedOne('get-by-id');
		const [out] = items(await ctx.webhook(paths.getById, { id }), 1);
		assert.equal(out.id, id);
		assert.equal(out.email, email);
		assert.equal(out.title, 'Rear Admiral');
		assert.equal(out.properties?.lifecyclestage, 'lead', 'properties.lifecyclestage');
	});

	await ctx.check('get by email: finds the contact with that email', async () => {
		const { id, email } = await seedOne('get-by-email');
		const [out] = items(await ctx.webhook(paths.getByEmail, { email }), 1);
		assert.equal(out.id, id);
		assert.equal(out.lastName, 'Hopper');
	});

	await ctx.check('update by id: changes the given fields only', async () => {
		const { id, email } = await seedOne('update-by-id');
		const [out] = items(
			await ctx.webhook(paths.updateById, { id, jobTitle: 'Chief Analyst', city: 'Paris' }),
			1,
		);
		assert.equal(out.id, id);
		assert.equal(out.title, 'Chief Analyst');
		const stored = await byEmail(email);
		assert.equal(stored?.properties.jobtitle, 'Chief Analyst', 'sandbox jobtitle');
		assert.equal(stored?.properties.city, 'Paris', 'sandbox city');
		assert.equal(stored?.properties.firstname, 'Grace', 'sandbox firstname untouched');
		assert.equal(stored?.properties.country, 'United States', 'sandbox country untouched');
	});

	await ctx.check('update by email: changes the phone', async () => {
		const { id, email } = await seedOne('update-by-email', { phone: '+1 555 0100' });
		const [out] = items(await ctx.webhook(paths.updateByEmail, { email, phone: '+33 1 00 00 00 00' }), 1);
		assert.equal(out.id, id);
		assert.equal((await byEmail(email))?.properties.phone, '+33 1 00 00 00 00', 'sandbox phone');
	});

	const batch = (domain: string, jobTitle: string) =>
		Array.from({ length: BATCH_SIZE }, (_, i) => ({
			email: `person${String(i).padStart(3, '0')}@${domain}`,
			firstName: `First${i}`,
			lastName: `Last${i}`,
			company: `${TAG} Batch Co`,
			jobTitle,
		}));
	const contactsAt = (domain: string) =>
		contactsOf((c) => !c.archived && (c.properties.email ?? '').endsWith(`@${domain}`));
	const upsertCalls = async () => {
		const calls = await ctx.sandbox.requests('hubspot', { method: 'POST', path: '/batch/upsert$' });
		// Up to 3 batch calls run at once, so the sandbox may log them in any order.
		return calls.map((c) => c.inputs ?? 0).sort((a, b) => b - a);
	};

	await ctx.check(
		`upsert ${BATCH_SIZE} new contacts in one run: 3 batch requests (100+100+50), all created`,
		async () => {
			const domain = `${TAG}.batch-new.example`;
			await ctx.sandbox.clearRequests();
			const out = items(await ctx.webhook(paths.upsert, { contacts: batch(domain, 'Engineer') }), BATCH_SIZE);
			assert.deepEqual(
				await upsertCalls(),
				[100, 100, 50],
				'batch/upsert inputs per request (largest first)',
			);
			assert.equal(out.filter((o) => o.created === true).length, BATCH_SIZE, 'items with created: true');
			const stored = await contactsAt(domain);
			assert.equal(stored.length, BATCH_SIZE, 'sandbox contacts');
			const wrong = stored.filter((c) => {
				const i = Number(/person(\d+)@/.exec(c.properties.email ?? '')?.[1]);
				return (
					c.properties.firstname !== `First${i}` ||
					c.properties.lastname !== `Last${i}` ||
					c.properties.jobtitle !== 'Engineer'
				);
			});
			assert.equal(
				wrong.length,
				0,
				`contacts with wrong fields (e.g. ${JSON.stringify(wrong[0]?.properties)})`,
			);
		},
	);

	await ctx.check(
		`upsert ${BATCH_SIZE} existing contacts with a changed field: 3 requests, updated, no duplicates`,
		async () => {
			const domain = `${TAG}.batch-existing.example`;
			const existing = batch(domain, 'Engineer');
			await ctx.sandbox.seedHubspotContacts(
				existing.map((c) => ({
					properties: { email: c.email, firstname: c.firstName, lastname: c.lastName, jobtitle: c.jobTitle },
				})),
			);
			await ctx.sandbox.clearRequests();
			const out = items(
				await ctx.webhook(paths.upsert, { contacts: batch(domain, 'Staff Engineer') }),
				BATCH_SIZE,
			);
			assert.deepEqual(
				await upsertCalls(),
				[100, 100, 50],
				'batch/upsert inputs per request (largest first)',
			);
			assert.equal(out.filter((o) => o.created === false).length, BATCH_SIZE, 'items with created: false');
			const stored = await contactsAt(domain);
			assert.equal(stored.length, BATCH_SIZE, 'sandbox contacts (no duplicates)');
			assert.equal(new Set(stored.map((c) => c.properties.email)).size, BATCH_SIZE, 'distinct emails');
			assert.equal(
				stored.filter((c) => c.properties.jobtitle === 'Staff Engineer').length,
				BATCH_SIZE,
				'contacts with the new job title',
			);
		},
	);

	await ctx.check(
		'HubSpot failing halfway (a 429, then a 503 on the first batch): retried per request inside the node, every contact written once',
		async () => {
			const domain = `${TAG}.flaky.example`;
			const contacts = Array.from({ length: BATCH_SIZE }, (_, i) => ({
				email: `p${i}@${domain}`,
				firstName: `F${i}`,
			}));
			await ctx.sandbox.clearRequests();
			await ctx.sandbox.faults({
				platform: 'hubspot',
				method: 'POST',
				path: '/batch/upsert$',
				kind: 'rate-limit',
				policyName: 'TEN_SECONDLY_ROLLING',
				times: 1,
			});
			await ctx.sandbox.faults({
				platform: 'hubspot',
				method: 'POST',
				path: '/batch/upsert$',
				kind: 'status',
				status: 503,
				times: 1,
			});
			const out = items(await ctx.webhook(paths.upsert, { contacts }), BATCH_SIZE);
			const calls = await ctx.sandbox.requests('hubspot', { method: 'POST', path: '/batch/upsert$' });
			// The sandbox logs a faulted request without its batch size.
			// Batches run concurrently, so which batch met which fault varies; the multiset does not.
			assert.deepEqual(
				calls.map((c) => (c.status === 200 ? `200:${c.inputs}` : String(c.status))).sort(),
				['200:100', '200:100', '200:50', '429', '503'],
				'batch/upsert status(:inputs) per request',
			);
			assert.equal(out.filter((o) => o.created === true).length, BATCH_SIZE, 'items created');
			assert.equal((await contactsAt(domain)).length, BATCH_SIZE, 'contacts in the sandbox');
		},
	);

	await ctx.check(
		'a create whose connection drops is not resent blindly: the node looks the email up first',
		async () => {
			const email = `dropped@${TAG}.dropped.example`;
			await ctx.sandbox.clearRequests();
			await ctx.sandbox.faults({
				platform: 'hubspot',
				method: 'POST',
				path: '/crm/v3/objects/contacts$',
				kind: 'drop',
				times: 1,
			});
			const [out] = items(await ctx.webhook(paths.create, { email, firstName: 'Dropped' }), 1);
			assert.equal(out.email, email, 'created contact');
			const calls = await ctx.sandbox.requests('hubspot');
			assert.deepEqual(
				calls.map((c) => `${c.method} ${c.status}`),
				['POST 0', 'GET 404', 'POST 201'],
				'requests: dropped create, lookup by email, one resend',
			);
			const stored = (await ctx.sandbox.hubspotContacts()).filter((c) => c.properties.email === email);
			assert.equal(stored.length, 1, 'exactly one contact with that email');
		},
	);

	await ctx.check(
		`get changed since: exactly the ${BATCH_SIZE} contacts changed after the mark`,
		async () => {
			const domain = `${TAG}.changed.example`;
			const since = new Date().toISOString();
			// Changed before the mark: must not come back. Nothing else writes while this check runs.
			await ctx.sandbox.seedHubspotContacts(
				[0, 1, 2].map((i) => ({
					properties: { email: `before${i}@${domain}` },
					lastmodifieddate: Date.parse(since) - 3_600_000,
				})),
			);
			await sleepMs(20);
			const changed = batch(domain, 'x');
			await ctx.sandbox.seedHubspotContacts(changed.map((c) => ({ properties: { email: c.email } })));
			const out = items(await ctx.webhook(paths.getChanged, { since }));
			const emails = new Set(out.map((o) => o.email));
			assert.equal(out.length, BATCH_SIZE, 'items');
			for (const c of changed) assert.ok(emails.has(c.email), `${c.email} in the result`);
			assert.notIncludes([...emails], `before0@${domain}`, 'a contact changed before the mark');
		},
	);

	await ctx.check(`search with Return All pages through ${SEARCH_MATCHES} matches`, async () => {
		const company = `${TAG} Search Co`;
		await ctx.sandbox.seedHubspotContacts(
			Array.from({ length: SEARCH_MATCHES }, (_, i) => ({
				properties: { email: `s${i}@${TAG}.search.example`, firstname: `S${i}`, company },
			})),
		);
		await ctx.sandbox.clearRequests();
		const out = items(await ctx.webhook(paths.search, { property: 'company', value: company }));
		assert.equal(out.length, SEARCH_MATCHES, 'items');
		assert.equal(new Set(out.map((o) => o.id)).size, SEARCH_MATCHES, 'distinct ids');
		assert.ok(
			out.every((o) => o.company === company),
			'every item matches the filter',
		);
		const pages = await ctx.sandbox.requests('hubspot', { method: 'POST', path: '/search$' });
		ctx.info(`search requests: ${pages.length}`);
		assert.atLeast(pages.length, 2, 'search requests (pages)');
		assert.ok(
			pages.every((p) => p.status === 200),
			`search statuses ${pages.map((p) => p.status).join(',')}`,
		);
	});

	await ctx.check(
		"search with Return All goes past HubSpot's 10,000-result cap: 10,050 matches, none twice",
		async () => {
			const company = `${TAG} Big Co`;
			const total = 10_050;
			await ctx.sandbox.seedHubspotContacts(
				Array.from({ length: total }, (_, i) => ({
					properties: { email: `b${i}@${TAG}.big.example`, company },
				})),
			);
			await ctx.sandbox.clearRequests();
			const out = items(await ctx.webhook(paths.search, { property: 'company', value: company }));
			assert.equal(out.length, total, 'items');
			assert.equal(new Set(out.map((o) => o.id)).size, total, 'distinct ids');
			const pages = await ctx.sandbox.requests('hubspot', { method: 'POST', path: '/search$' });
			const statuses = pages.map((p) => p.status);
			ctx.info(
				`search requests: ${pages.length} (${statuses.filter((st) => st === 429).length} x 429, retried)`,
			);
			// 200 per page: 50 pages fill the first window, a new window (past the last id) holds the rest.
			assert.equal(statuses.filter((st) => st === 200).length, 51, 'answered search pages');
			// Search sends no rate headers, so a new execution cannot see the searches the previous checks made
			// in the same second: its first search may draw a 429, which is retried. Anything else (the 10,000
			// cap's 400, say) is a failure.
			assert.ok(
				statuses.every((st) => st === 200 || st === 429),
				`only 200s and retried 429s (statuses ${[...new Set(statuses)].join(',')})`,
			);
		},
	);

	await ctx.check('get many with a limit returns exactly that many', async () => {
		// Its own contacts, so the limit bites whatever ran before.
		await ctx.sandbox.seedHubspotContacts(
			Array.from({ length: 10 }, (_, i) => ({ properties: { email: `m${i}@${TAG}.many.example` } })),
		);
		const out = items(await ctx.webhook(paths.getAll, { limit: 7 }), 7);
		assert.ok(
			out.every((o) => o.id && o.ids?.hubspot === o.id),
			'every item has id and ids.hubspot',
		);
	});

	await ctx.check(
		'OAuth2 credential: get by id with the token from the authorization-code exchange',
		async () => {
			const { id } = await seedOne('oauth-get');
			const [out] = items(await ctx.webhook(paths.oauthGet, { id }), 1);
			assert.equal(out.id, id);
		},
	);

	await ctx.check(
		'OAuth2 credential: an expired access token is refreshed by n8n and the call succeeds',
		async () => {
			const { id } = await seedOne('oauth-refresh');
			await ctx.sandbox.control('POST', '/__sandbox/hubspot/oauth/expire');
			await ctx.sandbox.clearRequests();
			const [out] = items(await ctx.webhook(paths.oauthGet, { id }), 1);
			assert.equal(out.id, id);
			const log = await ctx.sandbox.requests('hubspot');
			const summary = log.map((r) => `${r.method} ${r.path} ${r.status}`).join(', ');
			assert.ok(
				log.some((r) => r.path === TOKEN_ENDPOINT && r.status === 200),
				`a successful token refresh at ${TOKEN_ENDPOINT} (${summary})`,
			);
			assert.ok(
				log.some((r) => r.status === 401),
				`the first call was refused as expired (${summary})`,
			);
		},
	);

	await ctx.check('delete: archives the contact and answers {id, deleted: true}', async () => {
		const { id } = await seedOne('delete');
		const out = items(await ctx.webhook(paths.delete, { id }), 1);
		assert.deepEqual(out[0], { id, deleted: true });
		const stored = (await ctx.sandbox.hubspotContacts()).find((c) => c.id === id);
		assert.ok(stored, 'the contact is still in the sandbox');
		assert.equal(stored?.archived, true, 'archived');
	});

	await ctx.check(
		'get of a missing contact fails the execution with a clear error, no token in the answer',
		async () => {
			const before = await ctx.executions.lastExecutionId();
			const res = await ctx.webhook(paths.getById, { id: '999999999' });
			assert.ok(res.status >= 400, `expected an error status, got ${res.status}: ${res.text.slice(0, 300)}`);
			assert.notIncludes(res.text, hubspot.token, 'error answer');
			await ctx.executions.waitForSettled(undefined, 15_000);
			const started = await ctx.executions.executionDetails({ afterId: before });
			assert.equal(started.length, 1, 'executions started');
			assert.equal(started[0].status, 'error', 'status of the failed execution');
			const message = started[0].error ?? JSON.stringify(started[0].nodeErrors);
			ctx.info(`error: ${message}`);
			assert.ok(
				message.includes('No HubSpot contact has the ID 999999999'),
				`the execution's error names the missing contact: ${message}`,
			);
		},
	);

	await ctx.check("no token or client secret in any webhook answer or in n8n's log", () => {
		const secrets = [
			hubspot.token,
			hubspot.oauth.clientSecret,
			oauthTokens?.access_token,
			oauthTokens?.refresh_token,
		].filter((s): s is string => Boolean(s));
		const answers = ctx
			.webhookHistory()
			.flatMap((r) => findSecrets(r.text, secrets).map((h) => `${r.url}: ${h}`));
		const log = findSecrets(ctx.n8n.log(), secrets);
		if (answers.length + log.length > 0)
			assert.fail([...answers, ...log.map((h) => `n8n log: ${h}`)].join('\n'));
	});
}

function pick(properties: Record<string, unknown>, keys: string[]): Record<string, unknown> {
	return Object.fromEntries(keys.map((k) => [k, properties[k]]));
}

function sleepMs(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

const scenario: Scenario = {
	name: NAME,
	description:
		'HubSpot CRM node: every contact operation, batching, paging, OAuth2 refresh, against the sandbox',
	async credentials(ctx) {
		oauthTokens = await obtainOAuthTokens(ctx);
		return [appToken(ctx), oauth(ctx)];
	},
	workflows,
	run,
};

export default scenario;
