/**
 * The real HubSpotCrm node class inside a real n8n Workflow run by n8n-core's WorkflowExecute
 * (test/helpers/n8n-workflow-run): n8n's own parameter defaults, expressions, paired items, node-level
 * On Error and credential signing, with HubSpot mocked by nock. Covers per-item dispatch, batching,
 * pairedItem, continue-on-fail and error mapping. The resource mapper has its own file.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import nock from 'nock';
import type { INodeExecutionData, INodeParameters, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { HubSpotCrm } from '../../nodes/HubSpotCrm/HubSpotCrm.node';
import { runNode, type NodeRunResult } from '../helpers/n8n-workflow-run';
import { CONTACTS, DEFAULT_PROPERTIES as DEFAULTS, HUBSPOT_BASE as BASE, hsContact, hsError, parse, type Json } from '../helpers/hubspot-fixtures';

const TOKEN = 'pat-eu1-00000000-fake-test-token-node';
/** Everything a test produced (outputs, errors, the whole run), checked for the token after each test. */
let produced: unknown[] = [];

function api(): nock.Scope {
	return nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN}` } });
}

function items(n: number, json: (i: number) => Json = () => ({})): INodeExecutionData[] {
	return Array.from({ length: n }, (_, i) => ({ json: json(i) }));
}

/** Define Below: the resource mapper's value as the editor saves it (expressions are `={{ }}` strings). */
function defineBelow(value: Record<string, unknown>, matchingColumns: string[] = []): INodeParameters {
	return {
		mappingMode: 'defineBelow',
		value,
		matchingColumns,
		schema: Object.keys(value).map((id) => ({ id, displayName: id, required: false, defaultMatch: false, display: true, type: 'string' })),
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	} as INodeParameters;
}

interface RunOptions {
	parameters: INodeParameters;
	items: INodeExecutionData[];
	/** The node's On Error setting is "Continue" (regular output). */
	continueOnFail?: boolean;
}

async function run(options: RunOptions): Promise<NodeRunResult> {
	const result = await runNode({
		nodeType: new HubSpotCrm(),
		parameters: options.parameters,
		items: options.items,
		credentials: { crmHubSpotAppTokenApi: { accessToken: TOKEN, baseUrl: BASE } },
		onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
	});
	produced.push(result.output, result.error, result.run);
	if (result.error) throw new Error(`the node failed: ${result.error.message}`);
	return result;
}

/** Runs a node that must fail; returns the error n8n recorded for it. */
async function runFailing(options: RunOptions): Promise<NodeApiError | NodeOperationError> {
	const result = await runNode({
		nodeType: new HubSpotCrm(),
		parameters: options.parameters,
		items: options.items,
		credentials: { crmHubSpotAppTokenApi: { accessToken: TOKEN, baseUrl: BASE } },
	});
	produced.push(result.output, result.error, result.run);
	if (!result.error) throw new Error('expected the node to fail');
	expect(result.run.status).toBe('error');
	return result.error as NodeApiError | NodeOperationError;
}

/** batch/upsert answering every input as written; even-numbered emails are new. */
function upsertEndpoint(times: number): Json[] {
	const calls: Json[] = [];
	api()
		.post(`${CONTACTS}/batch/upsert`)
		.times(times)
		.reply((_uri, raw) => {
			const call = parse(raw);
			calls.push(call);
			return [
				200,
				{
					status: 'COMPLETE',
					results: call.inputs.map((input: Json) => {
						const n = Number(/\d+/.exec(input.id)?.[0] ?? 0);
						return { ...hsContact(9000 + n, input.id, input.properties), new: n % 2 === 0 };
					}),
				},
			];
		});
	return calls;
}

beforeAll(() => {
	nock.disableNetConnect();
});

afterAll(() => {
	nock.enableNetConnect();
});

beforeEach(() => {
	produced = [];
});

afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
	for (const value of produced) {
		expect(inspect(value, { depth: 12 })).not.toContain(TOKEN);
		if (value instanceof Error) {
			expect(value.message).not.toContain(TOKEN);
			expect(JSON.stringify(value)).not.toContain(TOKEN);
		}
	}
});

describe('HubSpotCrm node: upsert (batched)', () => {
	it('writes 250 items in 3 HTTP calls and returns 250 paired items with `created`', async () => {
		const calls = upsertEndpoint(3);

		const { output, requests } = await run({
			parameters: {
				operation: 'upsert',
				columns: defineBelow({ email: '={{ $json.email }}', firstName: '={{ $json.first }}' }, ['email']),
			},
			items: items(250, (i) => ({ email: `Lead${i}@Example.com`, first: `Lead ${i}` })),
		});

		expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(Array(3).fill(`POST ${BASE}${CONTACTS}/batch/upsert`));
		expect(calls.map((c) => c.inputs.length)).toEqual([100, 100, 50]);
		expect(calls[1].inputs[0]).toEqual({
			id: 'lead100@example.com',
			idProperty: 'email',
			properties: { email: 'lead100@example.com', firstname: 'Lead 100' },
		});
		expect(output).toHaveLength(1);
		const out = output[0];
		expect(out).toHaveLength(250);
		out.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.id).toBe(String(9000 + i));
			expect(item.json.email).toBe(`lead${i}@example.com`);
			expect(item.json.firstName).toBe(`Lead ${i}`);
			expect(item.json.created).toBe(i % 2 === 0);
		});
	});

	it('with continue-on-fail, an invalid email becomes an error item paired to its index; the rest are written', async () => {
		const calls = upsertEndpoint(1);
		const emails = ['a0@example.com', 'b1@example.com', 'not-an-email', 'd3@example.com', 'e4@example.com'];

		const { output } = await run({
			parameters: { operation: 'upsert', columns: defineBelow({ email: '={{ $json.email }}' }, ['email']) },
			items: items(5, (i) => ({ email: emails[i] })),
			continueOnFail: true,
		});

		expect(calls).toHaveLength(1);
		expect(calls[0].inputs.map((i: Json) => i.id)).toEqual(['a0@example.com', 'b1@example.com', 'd3@example.com', 'e4@example.com']);
		const out = output[0];
		expect(out.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(out[2].json).toEqual({
			error: 'Item 2: email: Invalid email',
			type: 'CRMValidationError',
			platform: 'hubspot',
			fields: [{ field: 'email', message: 'Invalid email', itemIndex: 2 }],
		});
		expect(out.filter((_, i) => i !== 2).map((item) => [item.json.id, item.json.created])).toEqual([
			['9000', true],
			['9001', false],
			['9003', false],
			['9004', true],
		]);
	});

	it('without continue-on-fail, throws a NodeOperationError for the failing item index', async () => {
		const calls = upsertEndpoint(1);
		const emails = ['a0@example.com', 'b1@example.com', 'c2@example.com', 'bad address', 'e4@example.com'];

		const error = await runFailing({
			parameters: { operation: 'upsert', columns: defineBelow({ email: '={{ $json.email }}' }, ['email']) },
			items: items(5, (i) => ({ email: emails[i] })),
		});

		expect(error.name).toBe('NodeOperationError');
		expect(error.context.itemIndex).toBe(3);
		expect(error.message).toBe('Item 3: email: Invalid email');
		expect(error.description).toBe('email: Invalid email');
		expect(calls[0].inputs).toHaveLength(4);
	});
});

describe('HubSpotCrm node: per-item operations', () => {
	it('gets a contact by email', async () => {
		const bodies: Json[] = [];
		api()
			.post(`${CONTACTS}/batch/read`, (body) => {
				bodies.push(body);
				return true;
			})
			.reply(200, { status: 'COMPLETE', results: [hsContact(42, 'jane@example.com', { firstname: 'Jane', lifecyclestage: 'lead' })] });

		const { output, requests } = await run({
			parameters: { operation: 'get', lookupBy: 'email', email: 'Jane@Example.com', options: { properties: 'lifecyclestage' } },
			items: items(1),
		});

		expect(requests).toHaveLength(1);
		expect(bodies).toEqual([
			{ idProperty: 'email', inputs: [{ id: 'jane@example.com' }], properties: [...DEFAULTS, 'lifecyclestage'] },
		]);
		expect(output[0]).toHaveLength(1);
		expect(output[0][0].pairedItem).toEqual({ item: 0 });
		expect(output[0][0].json).toMatchObject({
			id: '42',
			email: 'jane@example.com',
			firstName: 'Jane',
			ids: { hubspot: '42' },
			properties: { lifecyclestage: 'lead' },
		});
	});

	it('get by email: a miss fails the item with a 404 NodeApiError', async () => {
		api()
			.post(`${CONTACTS}/batch/read`)
			.reply(207, {
				status: 'COMPLETE',
				results: [],
				numErrors: 1,
				errors: [{ ...hsError('OBJECT_NOT_FOUND', 'Could not get some CONTACT objects'), context: { ids: ['ghost@example.com'] } }],
			});

		const error = await runFailing({
			parameters: { operation: 'get', lookupBy: 'email', email: 'ghost@example.com' },
			items: items(1),
		});

		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe('No HubSpot contact has the email ghost@example.com');
		expect((error as NodeApiError).httpCode).toBe('404');
		expect(error.context.itemIndex).toBe(0);
	});

	it('search with Return All pages through 3 pages with the filters in groups', async () => {
		const all = Array.from({ length: 450 }, (_, k) => hsContact(k + 1, `s${k + 1}@example.com`));
		const calls: Json[] = [];
		api()
			.post(`${CONTACTS}/search`)
			.times(3)
			.reply((_uri, raw) => {
				const call = parse(raw);
				calls.push(call);
				const offset = Number(call.after ?? 0);
				const more = offset + call.limit < all.length;
				return [
					200,
					{
						total: all.length,
						results: all.slice(offset, offset + call.limit),
						...(more ? { paging: { next: { after: String(offset + call.limit) } } } : {}),
					},
				];
			});

		const { output } = await run({
			parameters: {
				operation: 'search',
				filters: {
					filter: [
						{ group: 1, property: 'lifecyclestage', operator: 'EQ', value: 'lead' },
						{ group: 2, property: 'email', operator: 'IN', value: 'a@example.com, b@example.com' },
						{ group: 1, property: 'createdate', operator: 'BETWEEN', value: '2024-01-01T00:00:00Z', highValue: '2024-02-01T00:00:00Z' },
					],
				},
				returnAll: true,
			},
			items: items(1),
		});

		expect(calls.map((c) => [c.limit, c.after])).toEqual([
			[200, undefined],
			[200, '200'],
			[200, '400'],
		]);
		expect(calls[0].filterGroups).toEqual([
			{
				filters: [
					{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'lead' },
					{ propertyName: 'createdate', operator: 'BETWEEN', value: '1704067200000', highValue: '1706745600000' },
				],
			},
			{ filters: [{ propertyName: 'email', operator: 'IN', values: ['a@example.com', 'b@example.com'] }] },
		]);
		expect(output[0]).toHaveLength(450);
		expect(output[0].map((item) => item.json.id)).toEqual(all.map((c) => c.id));
		expect(output[0].every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('getAll with limit 5 returns exactly 5 items from one request', async () => {
		api()
			.get(CONTACTS)
			.query((q) => q.limit === '5' && q.archived === 'false')
			.reply(200, {
				results: Array.from({ length: 5 }, (_, k) => hsContact(k + 1, `g${k + 1}@example.com`)),
				paging: { next: { after: '6' } },
			});

		const { output, requests } = await run({ parameters: { operation: 'getAll', limit: 5 }, items: items(1) });

		expect(requests).toHaveLength(1);
		expect(output[0].map((item) => item.json.id)).toEqual(['1', '2', '3', '4', '5']);
		expect(output[0].map((item) => item.pairedItem)).toEqual(Array(5).fill({ item: 0 }));
	});

	it('getAll never outputs more than the limit, even when a page holds more', async () => {
		// A proxy or an API change that ignores `limit` must not flood the workflow.
		api()
			.get(CONTACTS)
			.query((q) => q.limit === '5')
			.reply(200, { results: Array.from({ length: 8 }, (_, k) => hsContact(k + 1, `g${k + 1}@example.com`)) });

		const { output } = await run({ parameters: { operation: 'getAll', limit: 5 }, items: items(1) });

		expect(output[0].map((item) => item.json.id)).toEqual(['1', '2', '3', '4', '5']);
	});

	it('getAll runs once per input item, pairing each result to its item', async () => {
		api()
			.get(CONTACTS)
			.query((q) => q.limit === '2')
			.times(2)
			.reply(200, { results: [hsContact(1, 'a@example.com'), hsContact(2, 'b@example.com')] });

		const { output } = await run({ parameters: { operation: 'getAll', limit: 2 }, items: items(2) });

		expect(output[0].map((item) => [item.json.id, item.pairedItem])).toEqual([
			['1', { item: 0 }],
			['2', { item: 0 }],
			['1', { item: 1 }],
			['2', { item: 1 }],
		]);
	});

	it('deletes by id and returns {id, deleted: true}', async () => {
		const bodies: Json[] = [];
		api()
			.post(`${CONTACTS}/batch/archive`, (body) => {
				bodies.push(body);
				return true;
			})
			.reply(204);

		const { output } = await run({ parameters: { operation: 'delete', contactId: ' 501 ' }, items: items(1) });

		expect(bodies).toEqual([{ inputs: [{ id: '501' }] }]);
		expect(output).toEqual([[{ json: { id: '501', deleted: true }, pairedItem: { item: 0 } }]]);
	});

	it('deletes 150 items with 2 archive calls; an empty id fails its item only', async () => {
		const bodies: Json[] = [];
		api()
			.post(`${CONTACTS}/batch/archive`, (body) => {
				bodies.push(body);
				return true;
			})
			.times(2)
			.reply(204);

		const { output } = await run({
			parameters: { operation: 'delete', contactId: '={{ $json.id }}' },
			items: items(151, (i) => ({ id: i === 3 ? ' ' : String(9000 + i) })),
			continueOnFail: true,
		});

		// Calls run concurrently: their order is not fixed, their sizes are.
		expect(bodies.map((b) => b.inputs.length).sort((a, b) => b - a)).toEqual([100, 50]);
		expect(output[0]).toHaveLength(151);
		expect(output[0][0]).toEqual({ json: { id: '9000', deleted: true }, pairedItem: { item: 0 } });
		expect(output[0][150]).toEqual({ json: { id: '9150', deleted: true }, pairedItem: { item: 150 } });
		expect(output[0][3].pairedItem).toEqual({ item: 3 });
		expect(output[0][3].json).toMatchObject({ error: 'contactId is required', fields: [{ field: 'contactId', itemIndex: 3 }] });
	});

	it('gets 250 items by id with 3 batch reads; a missing id fails only its item', async () => {
		const sizes: number[] = [];
		api()
			.post(`${CONTACTS}/batch/read`)
			.times(3)
			.reply((_uri, raw) => {
				const ids: string[] = parse(raw).inputs.map((input: { id: string }) => input.id);
				sizes.push(ids.length);
				return [200, { status: 'COMPLETE', results: ids.filter((id) => id !== '7') .map((id) => hsContact(id, `p${id}@example.com`)) }];
			});

		const { output } = await run({
			parameters: { operation: 'get', lookupBy: 'id', contactId: '={{ $json.id }}' },
			items: items(250, (i) => ({ id: String(i) })),
			continueOnFail: true,
		});

		expect(sizes).toEqual([100, 100, 50]);
		expect(output[0]).toHaveLength(250);
		expect(output[0][249].json).toMatchObject({ id: '249', email: 'p249@example.com' });
		expect(output[0][249].pairedItem).toEqual({ item: 249 });
		expect(output[0][7].json).toMatchObject({ error: 'No HubSpot contact has the ID 7', httpStatus: 404 });
		expect(output[0][7].pairedItem).toEqual({ item: 7 });
	});

	it('create: a 409 fails the item with a NodeApiError naming the existing id', async () => {
		api().post(CONTACTS).reply(201, hsContact(1, 'new@example.com'));
		api().post(CONTACTS).reply(409, hsError('CONFLICT', 'Contact already exists. Existing ID: 4242'));

		const error = await runFailing({
			parameters: { operation: 'create', columns: defineBelow({ email: '={{ $json.email }}' }) },
			items: items(2, (i) => ({ email: ['new@example.com', 'taken@example.com'][i] })),
		});

		expect(error.name).toBe('NodeApiError');
		expect(error.message).toContain('4242');
		expect(error.message).toBe('Contact already exists in HubSpot (existing ID: 4242)');
		expect((error as NodeApiError).httpCode).toBe('409');
		expect(error.context.itemIndex).toBe(1);
	});

	it('create without continue-on-fail stops at the failing item: later items are not sent', async () => {
		api().post(CONTACTS).reply(201, hsContact(1, 'new@example.com'));
		api().post(CONTACTS).reply(409, hsError('CONFLICT', 'Contact already exists. Existing ID: 4242'));

		const result = await runNode({
			nodeType: new HubSpotCrm(),
			parameters: { operation: 'create', columns: defineBelow({ email: '={{ $json.email }}' }) },
			items: items(3, (i) => ({ email: ['new@example.com', 'taken@example.com', 'later@example.com'][i] })),
			credentials: { crmHubSpotAppTokenApi: { accessToken: TOKEN, baseUrl: BASE } },
		});
		produced.push(result.output, result.error, result.run);

		expect(result.error?.context?.itemIndex).toBe(1);
		expect(result.requests.map((r) => `${r.method} ${(r.body as Json).properties.email}`)).toEqual([
			'POST new@example.com',
			'POST taken@example.com',
		]);
	});

	it('create with continue-on-fail: the 409 item carries existingId, the other item is created', async () => {
		const bodies: Json[] = [];
		api()
			.post(CONTACTS, (body) => {
				bodies.push(body);
				return true;
			})
			.reply(409, hsError('CONFLICT', 'Contact already exists. Existing ID: 4242'));
		api()
			.post(CONTACTS, (body) => {
				bodies.push(body);
				return true;
			})
			.reply(201, hsContact(77, 'new@example.com', { firstname: 'Neu' }));

		const { output } = await run({
			parameters: {
				operation: 'create',
				columns: defineBelow({ email: '={{ $json.email }}', firstName: '={{ $json.first }}' }),
			},
			items: items(2, (i) => [{ email: 'taken@example.com', first: 'Alt' }, { email: 'new@example.com', first: 'Neu' }][i]),
			continueOnFail: true,
		});

		expect(bodies).toEqual([
			{ properties: { email: 'taken@example.com', firstname: 'Alt' } },
			{ properties: { email: 'new@example.com', firstname: 'Neu' } },
		]);
		expect(output[0][0]).toEqual({
			json: {
				error: 'Contact already exists in HubSpot (existing ID: 4242)',
				type: 'CRMConflictError',
				platform: 'hubspot',
				httpStatus: 409,
				code: 'CONFLICT',
				correlationId: 'aaaabbbb-cccc-dddd-eeee-ffff00001111',
				existingId: '4242',
			},
			pairedItem: { item: 0 },
		});
		expect(output[0][1].pairedItem).toEqual({ item: 1 });
		expect(output[0][1].json).toMatchObject({ id: '77', email: 'new@example.com', firstName: 'Neu' });
	});

	it('create whose connection drops: the n8n transport reports no response, the node finds the contact and does not POST again', async () => {
		// A real loopback server that closes the socket on the POST: nock's simulated errors race n8n-core's
		// outbound client depending on what ran before in the same worker.
		const seen: string[] = [];
		const server = createServer((req, res) => {
			seen.push(`${req.method} ${req.url}`);
			if (req.method === 'POST') {
				req.socket.destroy();
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(hsContact(313, 'drop@example.com')));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		nock.enableNetConnect('127.0.0.1');
		try {
			const result = await runNode({
				nodeType: new HubSpotCrm(),
				parameters: { operation: 'create', columns: defineBelow({ email: 'drop@example.com' }) },
				items: items(1),
				credentials: { crmHubSpotAppTokenApi: { accessToken: TOKEN, baseUrl: base } },
			});
			produced.push(result.output, result.error, result.run);
			expect(result.error).toBeUndefined();
			expect(seen.map((line) => line.split(' ')[0])).toEqual(['POST', 'GET']);
			expect(seen[1]).toContain(`${CONTACTS}/drop%40example.com`);
			expect(seen[1]).toContain('idProperty=email');
			expect(result.output[0]).toHaveLength(1);
			expect(result.output[0][0].json).toMatchObject({ id: '313', email: 'drop@example.com' });
		} finally {
			nock.disableNetConnect();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('update by id sends only the fields set, through batch/update', async () => {
		const sent: Json[] = [];
		api()
			.post(`${CONTACTS}/batch/update`, (body) => {
				sent.push(body);
				return true;
			})
			.reply(200, { status: 'COMPLETE', results: [hsContact(501, 'ada@example.com', { jobtitle: 'CTO' })] });

		const { output } = await run({
			parameters: {
				operation: 'update',
				columns: defineBelow({ id: '501', title: 'CTO', hs_lead_status: '' }, ['id']),
			},
			items: items(1),
		});

		expect(sent).toEqual([{ inputs: [{ id: '501', properties: { jobtitle: 'CTO', hs_lead_status: '' } }] }]);
		expect(output[0][0].json).toMatchObject({ id: '501', title: 'CTO' });
	});

	it('updates 150 items in 2 calls; an id HubSpot does not know fails only its item', async () => {
		const sizes: number[] = [];
		api()
			.post(`${CONTACTS}/batch/update`)
			.times(2)
			.reply((_uri, raw) => {
				const inputs: Json[] = parse(raw).inputs;
				sizes.push(inputs.length);
				const known = inputs.filter((input) => input.id !== '42');
				const missing = inputs.filter((input) => input.id === '42');
				return [
					missing.length > 0 ? 207 : 200,
					{
						status: 'COMPLETE',
						results: known.map((input) => hsContact(input.id, `u${input.id}@example.com`, input.properties)),
						...(missing.length > 0
							? { numErrors: 1, errors: [hsError('OBJECT_NOT_FOUND', 'Could not get some CONTACT objects', { context: { ids: ['42'] } })] }
							: {}),
					},
				];
			});

		const { output } = await run({
			parameters: { operation: 'update', columns: defineBelow({ id: '={{ $json.id }}', company: 'Acme' }, ['id']) },
			items: items(150, (i) => ({ id: String(i) })),
			continueOnFail: true,
		});

		expect(sizes.sort((a, b) => b - a)).toEqual([100, 50]);
		expect(output[0]).toHaveLength(150);
		expect(output[0][149]).toMatchObject({ json: { id: '149', company: 'Acme' }, pairedItem: { item: 149 } });
		expect(output[0][42]).toMatchObject({ json: { type: 'CRMNotFoundError', httpStatus: 404 }, pairedItem: { item: 42 } });
	});

	it('update matching on email resolves ids with a batch read first; results are matched by id', async () => {
		const reads: Json[] = [];
		const updates: Json[] = [];
		api()
			.post(`${CONTACTS}/batch/read`, (body) => {
				reads.push(body);
				return true;
			})
			.reply(207, {
				status: 'COMPLETE',
				results: [hsContact(7, 'old@example.com')],
				numErrors: 1,
				errors: [hsError('OBJECT_NOT_FOUND', 'Could not get some CONTACT objects', { context: { ids: ['ghost@example.com'] } })],
			});
		api()
			.post(`${CONTACTS}/batch/update`, (body) => {
				updates.push(body);
				return true;
			})
			// HubSpot answers with the contact as it is now: matching its email back would be fragile.
			.reply(200, { status: 'COMPLETE', results: [hsContact(7, 'OLD@example.com', { firstname: 'Ada' })] });

		const { output } = await run({
			parameters: { operation: 'update', columns: defineBelow({ email: '={{ $json.email }}', firstName: 'Ada' }, ['email']) },
			items: items(2, (i) => ({ email: ['Old@Example.com', 'ghost@example.com'][i] })),
			continueOnFail: true,
		});

		expect(reads[0]).toMatchObject({ idProperty: 'email', inputs: [{ id: 'old@example.com' }, { id: 'ghost@example.com' }] });
		// The email only finds the contact; it is not written back.
		expect(updates).toEqual([{ inputs: [{ id: '7', properties: { firstname: 'Ada' } }] }]);
		expect(output[0][0]).toMatchObject({ json: { id: '7', firstName: 'Ada' }, pairedItem: { item: 0 } });
		expect(output[0][1]).toMatchObject({ json: { error: 'No HubSpot contact has the email ghost@example.com' }, pairedItem: { item: 1 } });
	});

	it('update matching on id changes the email', async () => {
		const updates: Json[] = [];
		api()
			.post(`${CONTACTS}/batch/update`, (body) => {
				updates.push(body);
				return true;
			})
			.reply(200, { status: 'COMPLETE', results: [hsContact(7, 'new@example.com')] });

		const { output } = await run({
			parameters: { operation: 'update', columns: defineBelow({ id: '7', email: 'New@Example.com' }, ['id']) },
			items: items(1),
		});

		expect(updates).toEqual([{ inputs: [{ id: '7', properties: { email: 'new@example.com' } }] }]);
		expect(output[0][0]).toMatchObject({ json: { id: '7', email: 'new@example.com' }, pairedItem: { item: 0 } });
	});

	it('a 401 fails with a NodeApiError telling to reconnect', async () => {
		api()
			.post(`${CONTACTS}/batch/read`)
			// n8n's request helper resends once after a 401 (its credential refresh hook), then gives up.
			.times(2)
			.reply(401, hsError('EXPIRED_AUTHENTICATION', 'The OAuth token used to make this call expired 2 hour(s) ago.'));

		const error = await runFailing({ parameters: { operation: 'get', lookupBy: 'id', contactId: '501' }, items: items(1) });

		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe('HubSpot access token expired; reconnect the credential');
		expect((error as NodeApiError).httpCode).toBe('401');
	});
});
