/**
 * The OpenAI stand-in (sandbox/openai) as n8n's OpenAI Chat Model node meets it: the model list, the key check
 * in OpenAI's 401 shape, and the scripted agent conversation (search HubSpot, enrich with Apollo, update
 * HubSpot, answer from the tool results), fed tool results the way n8n's AI Agent sends them.
 */
import { startSandbox, type Sandbox } from '../../sandbox/server';

const KEY = 'sandbox-openai-key';

// Tools as n8n offers nodes-as-tools: named after the node, parameters from its $fromAI() keys.
const TOOLS = [
	tool('Search_HubSpot_contacts', 'Search HubSpot CRM contacts by name', ['name']),
	tool('Enrich_person_with_Apollo', 'Enrich a person in Apollo by email', ['email']),
	tool('Update_HubSpot_contact', 'Update a HubSpot contact found by email with what Apollo found', [
		'email',
		'jobTitle',
		'company',
		'phone',
		'linkedinUrl',
		'city',
		'country',
	]),
];

function tool(name: string, description: string, keys: string[]) {
	return {
		type: 'function',
		function: {
			name,
			description,
			parameters: {
				type: 'object',
				properties: Object.fromEntries(keys.map((k) => [k, { type: 'string', description: k }])),
				required: keys,
			},
		},
	};
}

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(() => sandbox.reset());

async function call(method: string, path: string, body?: unknown, key: string | null = KEY) {
	const res = await fetch(`${sandbox.url}/openai/v1${path}`, {
		method,
		headers: {
			...(key === null ? {} : { authorization: `Bearer ${key}` }),
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return {
		status: res.status,
		headers: res.headers,
		text,
		body: text.startsWith('{') ? JSON.parse(text) : undefined,
	};
}

const chat = (messages: unknown[], extra: Record<string, unknown> = {}) =>
	call('POST', '/chat/completions', { model: 'gpt-5-mini', messages, tools: TOOLS, ...extra });

const user = (content: string) => ({ role: 'user', content });
const system = { role: 'system', content: 'You find and enrich CRM contacts.' };

/** The assistant's tool call and n8n's tool message with the node's output items as a JSON array. */
function toolStep(callId: string, name: string, args: unknown, output: unknown) {
	return [
		{
			role: 'assistant',
			content: '',
			tool_calls: [{ id: callId, type: 'function', function: { name, arguments: JSON.stringify(args) } }],
		},
		{ role: 'tool', tool_call_id: callId, content: JSON.stringify(output) },
	];
}

const HUBSPOT_ADA = {
	id: '1001',
	email: 'ada@engines.example',
	firstName: 'Ada',
	lastName: 'Lovelace',
	title: null,
	company: 'Analytical Engines', // HubSpot has her company already; Apollo adds the rest
};
const APOLLO_ADA = {
	...HUBSPOT_ADA,
	id: 'apollo-1',
	match: 'matched',
	title: 'Chief Analyst',
	company: 'Analytical Engines',
	linkedinUrl: 'https://www.linkedin.com/in/ada-lovelace',
	location: { city: 'London', country: 'United Kingdom' },
};

describe('authentication and the model list', () => {
	test('GET /models lists the configured models in OpenAI shape', async () => {
		const res = await call('GET', '/models');
		expect(res.status).toBe(200);
		expect(res.body.object).toBe('list');
		expect(res.body.data.map((m: { id: string }) => m.id)).toEqual([
			'gpt-5-mini',
			'gpt-4.1-mini',
			'gpt-4o-mini',
		]);
		expect(res.body.data[0]).toMatchObject({
			object: 'model',
			owned_by: expect.any(String),
			created: expect.any(Number),
		});
		expect((await call('GET', '/models/gpt-4o-mini')).body.id).toBe('gpt-4o-mini');
		expect((await call('GET', '/models/nope')).body.error.code).toBe('model_not_found');
	});

	test('a wrong key gets OpenAI 401 invalid_api_key without any part of the key', async () => {
		const key = 'sk-proj-WRONGkey1234567890abcdef';
		const chatWithWrongKey = await call(
			'POST',
			'/chat/completions',
			{ model: 'gpt-5-mini', messages: [user('hi')] },
			key,
		);
		for (const res of [await call('GET', '/models', undefined, key), chatWithWrongKey]) {
			expect(res.status).toBe(401);
			expect(res.body).toEqual({
				error: {
					message: expect.stringMatching(/^Incorrect API key provided/),
					type: 'invalid_request_error',
					param: null,
					code: 'invalid_api_key',
				},
			});
			for (const piece of [key, key.slice(0, 6), key.slice(-4), 'sk-']) expect(res.text).not.toContain(piece);
		}
	});

	test('a missing key gets 401 asking for a Bearer key', async () => {
		const res = await call('GET', '/models', undefined, null);
		expect(res.status).toBe(401);
		expect(res.body.error).toMatchObject({
			type: 'invalid_request_error',
			code: null,
			message: expect.stringContaining('Bearer'),
		});
	});

	test('an unknown model, a bad body and the Responses API are refused in OpenAI shape', async () => {
		expect(
			(await call('POST', '/chat/completions', { model: 'gpt-nope', messages: [user('hi')] })).body.error,
		).toMatchObject({ code: 'model_not_found', param: 'model' });
		expect((await call('POST', '/chat/completions', { model: 'gpt-5-mini', messages: [] })).status).toBe(400);
		const responses = await call('POST', '/responses', { model: 'gpt-5-mini', input: 'hi' });
		expect(responses.status).toBe(404);
		expect(responses.body.error.message).toContain('Use Responses API');
	});
	test('POST /__sandbox/config {openai} changes the accepted keys and models until reset; bad config is a 400', async () => {
		const config = (body: unknown) =>
			fetch(`${sandbox.url}/__sandbox/config`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
		expect((await config({ openai: { apiKeys: ['sandbox-other-key'], models: ['my-model'] } })).status).toBe(
			200,
		);
		expect((await call('GET', '/models')).status).toBe(401);
		const models = await call('GET', '/models', undefined, 'sandbox-other-key');
		expect(models.body.data.map((m: { id: string }) => m.id)).toEqual(['my-model']);
		expect((await config({ openai: { apiKeys: [] } })).status).toBe(400);
		expect((await config({ openai: { temperature: 1 } })).status).toBe(400);
		sandbox.reset();
		expect((await call('GET', '/models')).status).toBe(200);
	});
});

describe('the scripted agent', () => {
	test('searches HubSpot with the name, enriches the found email, writes Apollo data back, then answers from the results', async () => {
		const ask = [system, user('Find and enrich Ada Lovelace.')];
		const first = await chat(ask);
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({
			object: 'chat.completion',
			model: 'gpt-5-mini',
			choices: [{ index: 0, finish_reason: 'tool_calls' }],
		});
		const search = first.body.choices[0].message.tool_calls[0];
		expect(search.function.name).toBe('Search_HubSpot_contacts');
		expect(JSON.parse(search.function.arguments)).toEqual({ name: 'Ada Lovelace' });

		const afterSearch = [
			...ask,
			...toolStep(search.id, search.function.name, { name: 'Ada Lovelace' }, [
				HUBSPOT_ADA,
				{ ...HUBSPOT_ADA, id: '1002', firstName: 'Adam', email: 'adam@x.example' },
			]),
		];
		const enrich = (await chat(afterSearch)).body.choices[0].message.tool_calls[0];
		expect(enrich.function.name).toBe('Enrich_person_with_Apollo');
		expect(JSON.parse(enrich.function.arguments)).toEqual({ email: 'ada@engines.example' });

		const afterEnrich = [
			...afterSearch,
			...toolStep(enrich.id, enrich.function.name, { email: 'ada@engines.example' }, [APOLLO_ADA]),
		];
		const update = (await chat(afterEnrich)).body.choices[0].message.tool_calls[0];
		expect(update.function.name).toBe('Update_HubSpot_contact');
		expect(JSON.parse(update.function.arguments)).toEqual({
			email: 'ada@engines.example',
			jobTitle: 'Chief Analyst',
			company: '', // HubSpot has it: empty leaves HubSpot's value alone
			phone: '', // Apollo found none
			linkedinUrl: 'https://www.linkedin.com/in/ada-lovelace',
			city: 'London',
			country: 'United Kingdom',
		});

		const done = [
			...afterEnrich,
			...toolStep(update.id, update.function.name, {}, [{ ...HUBSPOT_ADA, title: 'Chief Analyst' }]),
		];
		const final = await chat(done);
		expect(final.body.choices[0].finish_reason).toBe('stop');
		const answer: string = final.body.choices[0].message.content;
		expect(answer).toContain('Ada Lovelace (ada@engines.example, HubSpot contact 1001)');
		expect(answer).toContain('job title Chief Analyst');
		expect(answer).toContain('LinkedIn URL https://www.linkedin.com/in/ada-lovelace');
		expect(answer).toContain('Updated HubSpot contact 1001: job title, LinkedIn URL, city, country.');
		expect(answer).toContain('HubSpot found 2 contacts');

		const log = (await fetch(`${sandbox.url}/__sandbox/openai/completions`).then((r) => r.json())) as any;
		expect(log.count).toBe(4);
		expect(log.completions[3].messages.filter((m: { role: string }) => m.role === 'tool')).toHaveLength(3);
		expect(log.completions[3].reply).toEqual({ kind: 'answer', content: answer });
		expect(JSON.stringify(log)).not.toContain(KEY);
	});

	test('an answer only from what the tools returned: no contact, no Apollo match, a failed tool', async () => {
		const ask = [user('find and enrich Nobody Here')];
		const none = toolStep('c1', 'Search_HubSpot_contacts', {}, []);
		expect((await chat([...ask, ...none])).body.choices[0].message.content).toBe(
			'HubSpot has no contact named Nobody Here.',
		);

		const ada = [
			user('Find and enrich Ada Lovelace'),
			...toolStep('c1', 'Search_HubSpot_contacts', {}, [HUBSPOT_ADA]),
		];
		const noMatch = [
			...ada,
			...toolStep('c2', 'Enrich_person_with_Apollo', {}, [{ ...HUBSPOT_ADA, match: 'noMatch' }]),
		];
		expect((await chat(noMatch)).body.choices[0].message.content).toContain(
			'Apollo has no match for ada@engines.example',
		);

		const failed = [
			...ada,
			...toolStep('c2', 'Enrich_person_with_Apollo', {}, { error: 'Apollo rate limit reached' }),
		];
		expect((await chat(failed)).body.choices[0].message.content).toContain(
			'enriching it with Apollo failed: Apollo rate limit reached',
		);

		const complete = [
			user('Find and enrich Ada Lovelace'),
			...toolStep('c1', 'Search_HubSpot_contacts', {}, [{ ...APOLLO_ADA, id: '1001', match: undefined }]),
			...toolStep('c2', 'Enrich_person_with_Apollo', {}, [APOLLO_ADA]),
		];
		const nothingToWrite = (await chat(complete)).body.choices[0];
		expect(nothingToWrite.finish_reason).toBe('stop');
		expect(nothingToWrite.message.content).toContain(
			'HubSpot already had all of it, so nothing was written.',
		);

		expect((await chat([user('hello')])).body.choices[0].message.content).toMatch(
			/^Ask me to find and enrich/,
		);
	});

	test('stream: true sends the same turn as chat.completion.chunk events ending in [DONE]', async () => {
		const res = await chat([user('Find and enrich Ada Lovelace')], {
			stream: true,
			stream_options: { include_usage: true },
		});
		expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
		const events = res.text
			.trim()
			.split('\n\n')
			.map((line) => line.replace(/^data: /, ''));
		expect(events.pop()).toBe('[DONE]');
		const chunks = events.map((e) => JSON.parse(e));
		expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
		const args = chunks
			.flatMap((c) => c.choices.flatMap((ch: any) => ch.delta.tool_calls ?? []))
			.map((t: any) => t.function.arguments)
			.join('');
		expect(JSON.parse(args)).toEqual({ name: 'Ada Lovelace' });
		expect(chunks.some((c) => c.choices[0]?.finish_reason === 'tool_calls')).toBe(true);
		expect(chunks.at(-1).usage).toMatchObject({ total_tokens: expect.any(Number) });
	});
});
