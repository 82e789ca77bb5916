/**
 * The HubSpot CRM node's contact fields through n8n's resource mapper, run inside n8n-core's
 * WorkflowExecute: Map Automatically takes each input item's keys without evaluating any parameter per
 * item; Define Below evaluates its expressions per item; the field list offered to the editor.
 */
import { inspect } from 'node:util';
import nock from 'nock';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { HubSpotCrm } from '../../nodes/HubSpotCrm/HubSpotCrm.node';
import { getContactFieldsForUpdate, getContactFieldsForUpsert } from '../../nodes/HubSpotCrm/methods/resourceMapping';
import { contactColumns } from '../../src/n8n/fields/contact-columns';
import { callNodeMethod, runNode, type NodeRunResult } from '../helpers/n8n-workflow-run';
import { CONTACTS, HUBSPOT_BASE as BASE, hsContact, parse, type Json } from '../helpers/hubspot-fixtures';

const TOKEN = 'pat-eu1-00000000-fake-test-token-mapper';
/** An expression that leaves a mark in the execution's custom data whenever n8n evaluates it. */
const MARKING = "={{ $execution.customData.set('evaluated', 'yes') ?? $json.email }}";

function marked(result: NodeRunResult): unknown {
	return result.run.data.resultData.metadata?.evaluated;
}
let produced: unknown[] = [];

/** What HubSpot's properties API answers, trimmed to the fields the node reads. */
const PROPERTIES = [
	{ name: 'email', label: 'Email', type: 'string' },
	{ name: 'firstname', label: 'First Name', type: 'string' },
	{ name: 'lastname', label: 'Last Name', type: 'string' },
	{ name: 'hs_lead_status', label: 'Lead Status', type: 'enumeration' },
	{ name: 'numberofemployees', label: 'Number of Employees', type: 'number' },
	{ name: 'hs_object_id', label: 'Record ID', type: 'number', modificationMetadata: { readOnlyValue: true } },
	{ name: 'createdate', label: 'Create Date', type: 'datetime', modificationMetadata: { readOnlyValue: true } },
];

function api(): nock.Scope {
	return nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN}` } });
}

function propertiesEndpoint(): void {
	api().get('/crm/v3/properties/contacts').reply(200, { results: PROPERTIES });
}

function upsertEndpoint(): Json[] {
	const calls: Json[] = [];
	api()
		.post(`${CONTACTS}/batch/upsert`)
		.reply((_uri, raw) => {
			const call = parse(raw);
			calls.push(call);
			return [200, { status: 'COMPLETE', results: call.inputs.map((input: Json, k: number) => ({ ...hsContact(100 + k, input.id, input.properties), new: true })) }];
		});
	return calls;
}

async function run(parameters: INodeParameters, items: INodeExecutionData[], continueOnFail = false): Promise<NodeRunResult> {
	const result = await runNode({
		nodeType: new HubSpotCrm(),
		parameters,
		items,
		credentials: { crmHubSpotAppTokenApi: { accessToken: TOKEN, baseUrl: BASE } },
		onError: continueOnFail ? 'continueRegularOutput' : undefined,
	});
	produced.push(result.output, result.error, result.run);
	return result;
}

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(() => {
	produced = [];
});
afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
	for (const value of produced) expect(inspect(value, { depth: 12 })).not.toContain(TOKEN);
});

describe('HubSpot CRM resource mapper: Map Automatically', () => {
	it('upserts each item from its own keys: unified names and writable HubSpot properties (in any case); other keys are left out', async () => {
		propertiesEndpoint();
		const calls = upsertEndpoint();
		const items = [
			{ email: 'Ada@Example.com', firstName: 'Ada', lastname: 'Lovelace', hs_lead_status: 'NEW', id: 'row-1', headers: { host: 'x' } },
			{ email: 'grace@example.com', title: 'Rear Admiral', city: 'Arlington', NumberOfEmployees: 12, hs_object_id: '999', created: true },
			// A unified contact as the node outputs it: nested location and properties map back too.
			{ email: 'alan@example.com', location: { country: 'UK' }, properties: { hs_lead_status: 'OPEN', createdate: '2020-01-01' } },
		].map((json) => ({ json }));

		const { output, error, requests } = await run({ operation: 'upsert', columns: { mappingMode: 'autoMapInputData', value: null } }, items);

		expect(error).toBeUndefined();
		expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
			`GET ${BASE}/crm/v3/properties/contacts`,
			`POST ${BASE}${CONTACTS}/batch/upsert`,
		]);
		expect(calls[0].inputs).toEqual([
			{ id: 'ada@example.com', idProperty: 'email', properties: { email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace', hs_lead_status: 'NEW' } },
			{ id: 'grace@example.com', idProperty: 'email', properties: { email: 'grace@example.com', jobtitle: 'Rear Admiral', city: 'Arlington', numberofemployees: '12' } },
			{ id: 'alan@example.com', idProperty: 'email', properties: { email: 'alan@example.com', country: 'UK', hs_lead_status: 'OPEN' } },
		]);
		expect(output[0].map((item) => [item.json.email, item.pairedItem])).toEqual([
			['ada@example.com', { item: 0 }],
			['grace@example.com', { item: 1 }],
			['alan@example.com', { item: 2 }],
		]);
	});

	it('reads no parameter per item: 500 items cost the same parameter reads as one', async () => {
		propertiesEndpoint();
		api()
			.post(`${CONTACTS}/batch/upsert`)
			.times(5)
			.reply((_uri, raw) => [200, { status: 'COMPLETE', results: parse(raw).inputs.map((input: Json, k: number) => ({ ...hsContact(k, input.id), new: false })) }]);
		const items = Array.from({ length: 500 }, (_, i) => ({ json: { email: `p${i}@example.com`, firstName: `P${i}` } }));

		const { output, error, parameterReads } = await run({ operation: 'upsert', columns: { mappingMode: 'autoMapInputData', value: null } }, items);

		expect(error).toBeUndefined();
		expect(output[0]).toHaveLength(500);
		expect(parameterReads.filter((read) => read.itemIndex !== 0)).toEqual([]);
		expect(parameterReads.map((read) => read.name)).not.toContain('columns.value');
		expect(parameterReads.length).toBeLessThanOrEqual(4);
	});

	it('never evaluates a mapping expression left in the parameter', async () => {
		propertiesEndpoint();
		const calls = upsertEndpoint();
		// What an editor may keep from an earlier Define Below.
		const columns = { mappingMode: 'autoMapInputData', value: { email: MARKING } };

		const result = await run({ operation: 'upsert', columns }, [{ json: { email: 'kept@example.com' } }]);

		expect(result.error).toBeUndefined();
		expect(marked(result)).toBeUndefined();
		expect(calls[0].inputs.map((input: Json) => input.id)).toEqual(['kept@example.com']);
	});

	it('update finds each contact by the item\'s id and writes its other keys; an item without id fails alone', async () => {
		propertiesEndpoint();
		const updates: Json[] = [];
		api()
			.post(`${CONTACTS}/batch/update`, (body) => {
				updates.push(body);
				return true;
			})
			.reply(200, { status: 'COMPLETE', results: [hsContact(7, 'ada@example.com', { hs_lead_status: 'CONNECTED' })] });

		const { output } = await run(
			{ operation: 'update', columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['id'] } },
			[{ json: { id: '7', hs_lead_status: 'CONNECTED', updatedAt: 'x' } }, { json: { hs_lead_status: 'NEW' } }],
			true,
		);

		expect(updates).toEqual([{ inputs: [{ id: '7', properties: { hs_lead_status: 'CONNECTED' } }] }]);
		expect(output[0][0]).toMatchObject({ json: { id: '7' }, pairedItem: { item: 0 } });
		expect(output[0][1]).toMatchObject({ json: { error: 'id is required to find the contact', type: 'CRMValidationError' }, pairedItem: { item: 1 } });
	});
});

describe('HubSpot CRM resource mapper: Define Below', () => {
	it('evaluates the mapped expressions for each item; an item whose email comes out empty fails alone', async () => {
		const calls = upsertEndpoint();
		const columns = {
			mappingMode: 'defineBelow',
			value: { email: '={{ $json.address.toLowerCase() }}', hs_lead_status: '={{ $json.status }}' },
			matchingColumns: ['email'],
			schema: [
				{ id: 'email', displayName: 'Email', required: true, defaultMatch: true, display: true, type: 'string' },
				{ id: 'hs_lead_status', displayName: 'Lead Status', required: false, defaultMatch: false, display: true, type: 'string' },
			],
		};
		const items = [{ json: { address: 'A@EXAMPLE.COM', status: 'NEW' } }, { json: { address: 42, status: 'NEW' } }, { json: { address: 'c@example.com', status: 'OPEN' } }];

		const { output, parameterReads } = await run({ operation: 'upsert', columns }, items, true);

		// Define Below needs no property list: the user picked the fields.
		expect(calls[0].inputs).toEqual([
			{ id: 'a@example.com', idProperty: 'email', properties: { email: 'a@example.com', hs_lead_status: 'NEW' } },
			{ id: 'c@example.com', idProperty: 'email', properties: { email: 'c@example.com', hs_lead_status: 'OPEN' } },
		]);
		expect(parameterReads.filter((read) => read.name === 'columns.value').map((read) => read.itemIndex)).toEqual([0, 1, 2]);
		expect(output[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		// n8n 2.41 resolves a mapped expression that throws (42.toLowerCase) to nothing rather than failing the item.
		expect(output[0][1].json).toMatchObject({ error: 'Item 1: email: An email is required to upsert a contact', type: 'CRMValidationError' });
		expect(output[0][2].json).toMatchObject({ email: 'c@example.com', created: true });
	});

	it('evaluates every mapped expression: the one Map Automatically leaves alone marks the run here', async () => {
		const calls = upsertEndpoint();
		const result = await run({ operation: 'upsert', columns: { mappingMode: 'defineBelow', value: { email: MARKING }, matchingColumns: ['email'] } }, [
			{ json: { email: 'kept@example.com' } },
		]);

		expect(result.error).toBeUndefined();
		expect(calls[0].inputs.map((input: Json) => input.id)).toEqual(['kept@example.com']);
		expect(marked(result)).toBe('yes');
	});
});

describe('HubSpot CRM resource mapper: the fields offered', () => {
	const properties = PROPERTIES.map((p) => ({ name: p.name, label: p.label, type: p.type, readOnly: p.modificationMetadata?.readOnlyValue === true }));

	it('upsert: unified fields first, email required and the match; writable properties not behind a unified field after', () => {
		const { fields } = contactColumns(properties, { shadowed: new Set(['email', 'firstname', 'lastname', 'createdate']), matchOn: ['email'], required: ['email'] });

		expect(fields.map((f) => f.id)).toEqual([
			'email', 'firstName', 'lastName', 'company', 'title', 'phone', 'linkedinUrl', 'domain', 'city', 'state', 'country',
			'hs_lead_status', 'numberofemployees',
		]);
		expect(fields[0]).toMatchObject({ id: 'email', required: true, defaultMatch: true, canBeUsedToMatch: true });
		expect(fields.find((f) => f.id === 'firstName')).toMatchObject({ required: false, canBeUsedToMatch: false });
		expect(fields.find((f) => f.id === 'numberofemployees')).toMatchObject({ displayName: 'Number of Employees (numberofemployees)', type: 'number' });
	});

	it('update: the contact ID first, matched by default; email may match too', () => {
		const { fields } = contactColumns(properties, { shadowed: new Set(), matchOn: ['id', 'email'], withId: true });

		expect(fields[0]).toMatchObject({ id: 'id', defaultMatch: true, canBeUsedToMatch: true });
		expect(fields.find((f) => f.id === 'email')).toMatchObject({ defaultMatch: false, canBeUsedToMatch: true });
		expect(fields.map((f) => f.id)).not.toContain('hs_object_id');
	});

	it('the node\'s resourceMapping methods load the account\'s properties through n8n\'s load-options context', async () => {
		propertiesEndpoint();
		propertiesEndpoint();
		const node = { nodeType: new HubSpotCrm(), parameters: { operation: 'upsert' }, credentials: { crmHubSpotAppTokenApi: { accessToken: TOKEN, baseUrl: BASE } } };

		const upsert = await callNodeMethod(node, getContactFieldsForUpsert);
		const update = await callNodeMethod({ ...node, parameters: { operation: 'update' } }, getContactFieldsForUpdate);
		produced.push(upsert, update);

		expect(upsert.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${BASE}/crm/v3/properties/contacts`]);
		// The properties behind unified fields (email, firstname, lastname) and read-only ones are not offered twice.
		expect(upsert.value.fields.map((f) => f.id).slice(-2)).toEqual(['hs_lead_status', 'numberofemployees']);
		expect(upsert.value.fields.filter((f) => f.required).map((f) => f.id)).toEqual(['email']);
		expect(update.value.fields.filter((f) => f.canBeUsedToMatch).map((f) => f.id)).toEqual(['id', 'email']);
	});
});
