/**
 * The Apollo node inside a real n8n, against the sandbox's Apollo: bulk enrichment of 95 people in one run
 * (10 bulk calls, each result paired with its input, unknown people as no-match items), a phone reveal whose
 * callback starts an active CRM Webhook Trigger workflow in Apollo mode, people search with Return All,
 * contact create/update/upsert/search, a 429 storm and a spent daily budget. Each check seeds its own people
 * under a per-run tag and counts only the sandbox requests it caused.
 */
import type { CredentialImport, Scenario, ScenarioContext, SetupContext } from '../lib/scenario';
import { executionsSince, freshSecret, TriggerFlows } from '../lib/trigger';
import { credentialRef, stableId, webhookWorkflow, type NodeSpec } from '../lib/workflow';

const NAME = 'apollo-node';
const RUN = Date.now().toString(36);
const TOKEN = freshSecret('apollo-callback');
const flows = new TriggerFlows(NAME);

type Json = Record<string, any>;

const apiCredential = (ctx: SetupContext): CredentialImport => ({
	id: stableId(`${NAME}/api`),
	name: '[e2e] Apollo sandbox',
	type: 'crmApolloApi',
	data: { apiKey: ctx.platforms.apollo.apiKey, baseUrl: `${ctx.platforms.apollo.url}/api/v1` },
});

const callbackSecret = (): CredentialImport => ({
	id: stableId(`${NAME}/callback-token`),
	name: '[e2e] Apollo callback token (node scenario)',
	type: 'crmWebhookSecretApi',
	data: { secret: TOKEN },
});

const paths = {
	enrich: 'e2e-apollo-enrich',
	enrichContinue: 'e2e-apollo-enrich-continue',
	phone: 'e2e-apollo-phone',
	search: 'e2e-apollo-people-search',
	create: 'e2e-apollo-contact-create',
	update: 'e2e-apollo-contact-update',
	upsert: 'e2e-apollo-contact-upsert',
	contactSearch: 'e2e-apollo-contact-search',
};

function apolloNode(
	ctx: SetupContext,
	parameters: Record<string, unknown>,
	extra: Partial<NodeSpec> = {},
): NodeSpec {
	return {
		name: 'Apollo',
		type: `${ctx.packageName}.apollo`,
		typeVersion: 1,
		parameters,
		credentials: credentialRef(apiCredential(ctx)),
		...extra,
	};
}

const splitOut = (field: string): NodeSpec => ({
	name: 'Split Out',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: `body.${field}`, include: 'noOtherFields', options: {} },
});

/** Reads the input each output item is paired with, through n8n's own paired-item resolution. */
const pairedWithInput: NodeSpec = {
	name: 'Paired Input',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	parameters: {
		mode: 'manual',
		assignments: {
			assignments: [
				{ id: 'paired-ref', name: 'pairedRef', value: "={{ $('Split Out').item.json.ref }}", type: 'number' },
				{
					id: 'paired-email',
					name: 'pairedEmail',
					value: "={{ $('Split Out').item.json.email }}",
					type: 'string',
				},
			],
		},
		includeOtherFields: true,
		options: {},
	},
};

/** The sandbox's Apollo defaults (sandbox/README.md), restored after this scenario. */
const FREE_PLAN = { minute: 50, hourly: 200, daily: 600 };

const AUTO = { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] };

function workflows(ctx: SetupContext) {
	const wf = (key: keyof typeof paths, nodes: NodeSpec[]) =>
		webhookWorkflow({
			id: stableId(`${NAME}/${key}`),
			name: `[e2e] ${NAME}: ${key}`,
			path: paths[key],
			nodes,
		});
	const enrich = { resource: 'person', operation: 'enrich', personSource: 'auto' };
	return [
		wf('enrich', [splitOut('people'), apolloNode(ctx, enrich), pairedWithInput]),
		wf('enrichContinue', [splitOut('people'), apolloNode(ctx, enrich, { onError: 'continueRegularOutput' })]),
		wf('phone', [
			splitOut('people'),
			apolloNode(ctx, {
				...enrich,
				revealPhone: true,
				webhookUrl: `${flows.url(ctx, 'callback')}?token=${TOKEN}`,
			}),
		]),
		wf('search', [
			apolloNode(ctx, {
				resource: 'person',
				operation: 'search',
				domains: '={{ $json.body.domain }}',
				returnAll: true,
			}),
		]),
		wf('create', [
			splitOut('contacts'),
			apolloNode(ctx, { resource: 'contact', operation: 'create', columns: AUTO }),
		]),
		wf('update', [
			splitOut('contacts'),
			apolloNode(ctx, {
				resource: 'contact',
				operation: 'update',
				columns: { ...AUTO, matchingColumns: ['email'] },
			}),
		]),
		wf('upsert', [
			splitOut('contacts'),
			apolloNode(ctx, {
				resource: 'contact',
				operation: 'upsert',
				columns: { ...AUTO, matchingColumns: ['email'] },
			}),
		]),
		wf('contactSearch', [
			apolloNode(ctx, {
				resource: 'contact',
				operation: 'search',
				keywords: '={{ $json.body.keywords }}',
				returnAll: true,
			}),
		]),
		flows.workflow(ctx, {
			key: 'callback',
			name: `[e2e] ${NAME}: phone callbacks`,
			parameters: { platform: 'apollo', urlParameterName: 'token' },
			credentials: [callbackSecret()],
		}),
	];
}

/** Seeds people at a company of their own; returns their emails. */
async function seedPeople(
	ctx: ScenarioContext,
	label: string,
	count: number,
	extra: (i: number) => Json = () => ({}),
): Promise<string[]> {
	const domain = `${label}-${RUN}.example`;
	const people = Array.from({ length: count }, (_, i) => ({
		first_name: `Ann${i}`,
		last_name: `${label}${RUN}`,
		email: `p${i}@${domain}`,
		title: 'Engineer',
		domain,
		...extra(i),
	}));
	await ctx.sandbox.control('POST', '/__sandbox/apollo/people', { people });
	return people.map((p) => p.email);
}

async function apolloRequests(ctx: ScenarioContext, path: string): Promise<Json[]> {
	return (await ctx.sandbox.requests('apollo', { path })) as Json[];
}

async function credits(ctx: ScenarioContext): Promise<number> {
	return (await ctx.sandbox.control<{ consumed: number }>('GET', '/__sandbox/apollo/credits')).consumed;
}

function itemsOf(ctx: ScenarioContext, response: { status: number; text: string; json: unknown }): Json[] {
	ctx.assert.status(response, 200);
	return ctx.assert.array(response.json) as Json[];
}

async function enrichChecks(ctx: ScenarioContext): Promise<void> {
	await ctx.check(
		'Enrich 95 people in one run: 10 bulk calls, each result paired with its input, 3 unknown as no-match',
		async () => {
			const known = await seedPeople(ctx, 'bulk', 92);
			const emails = [
				...known.slice(0, 30),
				`ghost1-${RUN}@nowhere.example`,
				...known.slice(30, 60),
				`ghost2-${RUN}@nowhere.example`,
				...known.slice(60),
				`ghost3-${RUN}@nowhere.example`,
			];
			const bulkBefore = (await apolloRequests(ctx, 'people/bulk_match')).length;
			const creditsBefore = await credits(ctx);
			const started = Date.now();
			const res = await ctx.webhook(paths.enrich, { people: emails.map((email, ref) => ({ email, ref })) });
			const out = itemsOf(ctx, res);
			const elapsed = Date.now() - started;
			const bulk = (await apolloRequests(ctx, 'people/bulk_match')).slice(bulkBefore);
			const spent = (await credits(ctx)) - creditsBefore;

			ctx.assert.equal(bulk.length, 10, 'bulk_match calls the sandbox saw');
			ctx.assert.equal(out.length, 95, 'output items');
			out.forEach((item, i) => {
				ctx.assert.equal(item.pairedRef, i, `item ${i} paired with input ${i}`);
				ctx.assert.equal(item.input?.item, i, `item ${i} names its input`);
				ctx.assert.equal(item.input?.email, emails[i], `item ${i} input email`);
			});
			const noMatch = out.filter((item) => item.match === 'noMatch');
			ctx.assert.deepEqual(
				noMatch.map((item) => item.email),
				emails.filter((e) => e.startsWith('ghost')),
				'no-match items',
			);
			const matched = out.filter((item) => item.match === 'matched');
			ctx.assert.equal(matched.length, 92, 'matched items');
			for (const item of matched)
				ctx.assert.equal(item.email, item.pairedEmail, 'matched person is the input person');
			ctx.assert.equal(spent, 92, 'credits the sandbox charged');
			for (const item of matched)
				ctx.assert.ok(typeof item.credits?.callConsumed === 'number', 'credits Apollo reported for the call');
			ctx.info(
				`95 people: ${bulk.length} bulk_match calls, ${spent} credits charged by the sandbox, ${elapsed} ms`,
			);
		},
	);

	await ctx.check(
		'A phone reveal: the callback reaches the active CRM Webhook Trigger (Apollo mode, ?token=) and starts one execution',
		async () => {
			const emails = await seedPeople(ctx, 'phone', 3, (i) => ({
				mobile_phone: `+1 415-555-01${String(i).padStart(2, '0')}`,
			}));
			const workflowId = flows.workflowId('callback');
			const before = await ctx.executions.lastExecutionId();
			const res = await ctx.webhook(paths.phone, { people: emails.map((email, ref) => ({ email, ref })) });
			const out = itemsOf(ctx, res);
			ctx.assert.equal(out.length, 3, 'output items');
			const requestId = out[0].requestId;
			ctx.assert.ok(requestId, 'the enrichment answer names its request');
			const executions = await executionsSince(ctx, workflowId, before, 1);
			ctx.assert.equal(executions.length, 1, 'trigger executions started');
			const events = executions[0] as Json[];
			ctx.assert.equal(events.length, 3, 'one event per person');
			for (const event of events) {
				const payload = event.payload ?? event.json?.payload;
				ctx.assert.equal(payload?.requestId, requestId, 'event names the request');
				ctx.assert.includes(emails, payload?.email, 'event names the person');
				ctx.assert.equal(payload?.phones?.length, 1, 'the revealed mobile');
			}
			const deliveries = (
				await ctx.sandbox.control<{ deliveries: Json[] }>('GET', '/__sandbox/apollo/callbacks')
			).deliveries.filter((d) => d.request_id === requestId);
			ctx.assert.equal(deliveries.length, 1, 'callback deliveries');
			ctx.assert.equal(deliveries[0].status, 200, 'the trigger accepted the callback');
		},
	);

	await ctx.check('A 429 storm on bulk_match: waited out, every item enriched, none lost', async () => {
		const emails = await seedPeople(ctx, 'storm', 30);
		const fault = (await ctx.sandbox.faults({
			platform: 'apollo',
			path: 'people/bulk_match',
			kind: 'rate-limit',
			policyName: 'minute',
			times: 4,
		})) as Json;
		const before = (await apolloRequests(ctx, 'people/bulk_match')).length;
		const res = await ctx.webhook(paths.enrich, { people: emails.map((email, ref) => ({ email, ref })) });
		const out = itemsOf(ctx, res);
		const calls = (await apolloRequests(ctx, 'people/bulk_match')).slice(before);
		ctx.assert.equal(out.filter((item) => item.match === 'matched').length, 30, 'matched items');
		ctx.assert.equal(calls.filter((c) => c.status === 429).length, 4, '429 answers');
		ctx.assert.equal(calls.filter((c) => c.status === 200).length, 3, 'accepted bulk calls');
		ctx.info(`429 storm: ${calls.length} bulk_match requests (4 refused), fault ${fault.id}`);
	});

	await ctx.check(
		'A spent daily budget: every item fails with a clear rate-limit error naming the day, nothing retried in a loop',
		async () => {
			const emails = await seedPeople(ctx, 'daily', 25);
			const fault = (await ctx.sandbox.faults({
				platform: 'apollo',
				path: 'people/bulk_match',
				kind: 'rate-limit',
				policyName: 'daily',
				times: 0,
			})) as Json;
			const before = (await apolloRequests(ctx, 'people/bulk_match')).length;
			try {
				const res = await ctx.webhook(paths.enrichContinue, {
					people: emails.map((email, ref) => ({ email, ref })),
				});
				const out = itemsOf(ctx, res);
				const calls = (await apolloRequests(ctx, 'people/bulk_match')).slice(before);
				ctx.assert.equal(out.length, 25, 'one item per input');
				for (const item of out) {
					ctx.assert.equal(item.type, 'CRMRateLimitError', 'error type');
					ctx.assert.match(
						String(item.error),
						/Apollo daily API limit .*(reached|spent).*reset/,
						'the message names the daily budget and its reset',
					);
				}
				ctx.assert.atMost(calls.length, 3, 'bulk calls sent (one per lane at most, none after the refusal)');
				ctx.info(`daily budget: ${calls.length} bulk_match requests, message: ${String(out[0].error)}`);
			} finally {
				await ctx.sandbox.control('DELETE', `/__sandbox/faults/${fault.id}`);
			}
		},
	);
}

async function searchChecks(ctx: ScenarioContext): Promise<void> {
	await ctx.check('People search with Return All: every page of the free api_search, 0 credits', async () => {
		await seedPeople(ctx, 'search', 130);
		const before = (await apolloRequests(ctx, 'mixed_people/api_search')).length;
		const creditsBefore = await credits(ctx);
		const res = await ctx.webhook(paths.search, { domain: `search-${RUN}.example` });
		const out = itemsOf(ctx, res);
		ctx.assert.equal(out.length, 130, 'people found');
		ctx.assert.equal((await apolloRequests(ctx, 'mixed_people/api_search')).length - before, 2, 'pages read');
		ctx.assert.equal((await credits(ctx)) - creditsBefore, 0, 'credits spent');
	});
}

async function contactChecks(ctx: ScenarioContext): Promise<void> {
	const tag = `crm${RUN}`;
	const contacts = async (): Promise<Json[]> =>
		(await ctx.sandbox.control<{ results: Json[] }>('GET', '/__sandbox/apollo/contacts')).results.filter(
			(c) => String(c.email ?? '').includes(tag),
		);

	await ctx.check('Contact Create deduplicates by default: the same email twice is one contact', async () => {
		const email = `create-${tag}@acme.example`;
		const first = itemsOf(
			ctx,
			await ctx.webhook(paths.create, { contacts: [{ email, firstName: 'Ada', title: 'CTO' }] }),
		);
		const second = itemsOf(
			ctx,
			await ctx.webhook(paths.create, { contacts: [{ email, firstName: 'Ada', lastName: 'Lovelace' }] }),
		);
		ctx.assert.equal(second[0].id, first[0].id, 'the second create returned the first contact');
		const stored = (await contacts()).filter((c) => c.email === email);
		ctx.assert.equal(stored.length, 1, 'contacts stored');
		ctx.assert.equal(stored[0].last_name, 'Lovelace', 'the existing contact was updated');
	});

	await ctx.check('Contact Update by email changes the contact found by it', async () => {
		const email = `update-${tag}@acme.example`;
		await ctx.sandbox.control('POST', '/__sandbox/apollo/contacts', {
			contacts: [{ email, first_name: 'Bea', title: 'Intern' }],
		});
		const out = itemsOf(ctx, await ctx.webhook(paths.update, { contacts: [{ email, title: 'CEO' }] }));
		ctx.assert.equal(out[0].title, 'CEO', 'answer');
		ctx.assert.equal((await contacts()).find((c) => c.email === email)?.title, 'CEO', 'stored title');
	});

	await ctx.check(
		'Contact Create or Update: 120 items, new ones created and the existing one updated, each item saying which',
		async () => {
			const existing = `upsert-0-${tag}@acme.example`;
			await ctx.sandbox.control('POST', '/__sandbox/apollo/contacts', {
				contacts: [{ email: existing, first_name: 'Old', title: 'Intern' }],
			});
			const before = (await apolloRequests(ctx, 'contacts/bulk_create')).length;
			const items = Array.from({ length: 120 }, (_, i) => ({
				email: `upsert-${i}-${tag}@acme.example`,
				title: `T${i}`,
			}));
			const out = itemsOf(ctx, await ctx.webhook(paths.upsert, { contacts: items }));
			ctx.assert.equal(out.length, 120, 'output items');
			ctx.assert.equal(out[0].created, false, 'the existing contact was updated');
			ctx.assert.equal(out.filter((i) => i.created === true).length, 119, 'created');
			ctx.assert.equal(
				(await apolloRequests(ctx, 'contacts/bulk_create')).length - before,
				2,
				'bulk_create calls (100 each)',
			);
			ctx.assert.equal(
				(await contacts()).find((c) => c.email === existing)?.title,
				'T0',
				'stored title of the existing contact',
			);
		},
	);

	await ctx.check('Contact Search with Return All reads past one page', async () => {
		const seeded = Array.from({ length: 105 }, (_, i) => ({
			email: `search-${i}-${tag}@acme.example`,
			first_name: `S${tag}`,
		}));
		await ctx.sandbox.control('POST', '/__sandbox/apollo/contacts', { contacts: seeded });
		const out = itemsOf(ctx, await ctx.webhook(paths.contactSearch, { keywords: `S${tag}` }));
		ctx.assert.equal(out.length, 105, 'contacts found');
	});
}

const scenario: Scenario = {
	name: NAME,
	description:
		'Apollo node: bulk enrichment, phone reveal callbacks into the trigger, search, contacts, rate limits',
	credentials: (ctx) => [apiCredential(ctx), callbackSecret()],
	workflows,
	async run(ctx) {
		// The sandbox starts on Apollo's Free plan (5 bulk calls a minute): a paid plan's limits here, and a short
		// minute window so a 429 storm is waited out in seconds.
		await ctx.sandbox.config({
			apollo: {
				enrichmentLimits: { minute: 1000, hourly: 20_000, daily: 100_000 },
				windowMs: { minute: 2_000 },
				callbackDelayMs: 300,
			},
		});
		try {
			await enrichChecks(ctx);
			await searchChecks(ctx);
			await contactChecks(ctx);
		} finally {
			// Later scenarios get the sandbox's Apollo as it starts (Free plan limits, one-minute window).
			await ctx.sandbox.config({
				apollo: { enrichmentLimits: FREE_PLAN, windowMs: { minute: 60_000 }, callbackDelayMs: 1_000 },
			});
		}
	},
};

export default scenario;
