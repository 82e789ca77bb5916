/**
 * Fetch Full Lead: a LinkedIn lead notification names only the lead response; the trigger reads it through
 * the LinkedIn provider (one getLeadsById per delivery) within a 2-second share of LinkedIn's 3-second
 * answer budget, and cancels the read when that runs out. The node path runs through n8n-core with
 * LinkedIn mocked by nock; the budget is proven on a fake clock with the real provider over a scripted
 * transport.
 */
import { inspect } from 'node:util';
import nock from 'nock';
import { sleep, type IWebhookFunctions } from 'n8n-workflow';
import {
	LEAD_BUDGET_MS,
	withLeads,
	type LeadReader,
	type LeadReaderFactory,
} from '../../nodes/CrmWebhookTrigger/linkedin/fetch-leads';
import type { Clock } from '../../src/core/http';
import type { WebhookEvent } from '../../src/core/models';
import { n8nClock } from '../../src/n8n/clock';
import { LinkedInProvider } from '../../src/providers/linkedin/provider';
import { FakeClock } from '../helpers/fake-clock';
import { FakeTransport, json } from '../helpers/fake-transport';
import { LI_API, LI_TOKEN, LI_VERSION, leadForm, leadResponse, liError } from '../helpers/linkedin-fixtures';
import { linkedIn as signLinkedIn } from '../helpers/signers';
import { LI_SECRET, testCredentials, trigger, TS } from '../helpers/n8n-webhook-trigger';

const LEAD_URN = 'urn:li:leadGenFormResponse:lead-7';
const LEAD_PATH = '/rest/leadFormResponses/urn%3Ali%3AleadGenFormResponse%3Alead-7';

function notification(action: 'CREATED' | 'DELETED', lead = LEAD_URN): string {
	return JSON.stringify({
		type: 'LEAD_ACTION',
		leadGenFormResponse: lead,
		leadAction: action,
		owner: { sponsoredAccount: 'urn:li:sponsoredAccount:5100001' },
		leadType: 'SPONSORED',
		occurredAt: TS - 1000,
	});
}

/** The trigger's credential: the app (verifies signatures) signed in (reads leads). */
function credentials() {
	return {
		...testCredentials(),
		crmLinkedInOAuth2Api: {
			clientId: 'li-client',
			clientSecret: LI_SECRET,
			apiVersion: LI_VERSION,
			oauthTokenData: { access_token: LI_TOKEN } as never,
		},
	};
}

const params = { platform: 'linkedin', linkedinEvents: ['lead.created', 'lead.deleted'], fetchLead: true };

function rest(): nock.Scope {
	return nock(LI_API, {
		reqheaders: { authorization: `Bearer ${LI_TOKEN}`, 'linkedin-version': LI_VERSION },
	});
}

afterEach(() => {
	jest.restoreAllMocks();
	nock.cleanAll();
	nock.enableNetConnect();
});

describe('through the node', () => {
	beforeEach(() => {
		jest.spyOn(Date, 'now').mockReturnValue(TS);
		nock.disableNetConnect();
		// The read answers at once; keep the budget timer from outliving the test.
		jest.spyOn(n8nClock, 'sleep').mockImplementation(async () => await new Promise<void>(() => undefined));
	});

	it("adds the lead as a contact, read with the credential's token; the token is on no item", async () => {
		const scope = rest()
			.get(LEAD_PATH)
			.reply(200, leadResponse(7, { id: LEAD_URN }))
			.get('/rest/leadForms/7001')
			.reply(200, leadForm());
		const body = notification('CREATED');
		const outcome = await trigger(params, { credentials: credentials() }).deliver({
			body,
			headers: signLinkedIn(LI_SECRET, body),
		});
		expect(scope.isDone()).toBe(true);
		expect(outcome.items).toHaveLength(1);
		expect(outcome.items[0]).toMatchObject({
			platform: 'linkedin',
			type: 'lead.created',
			objectId: LEAD_URN,
			lead: {
				id: LEAD_URN,
				email: 'lead7@example.com',
				firstName: 'First7',
				company: 'Company 7',
				ids: { linkedin: LEAD_URN },
			},
		});
		expect(outcome.items[0]).not.toHaveProperty('leadError');
		expect(inspect(outcome, { depth: 12 })).not.toContain(LI_TOKEN);
	});

	it('reads nothing for a deleted lead, nor with the option off', async () => {
		const deleted = notification('DELETED');
		const gone = await trigger(params, { credentials: credentials() }).deliver({
			body: deleted,
			headers: signLinkedIn(LI_SECRET, deleted),
		});
		expect(gone.items).toHaveLength(1);
		expect(gone.items[0]).not.toHaveProperty('lead');
		expect(gone.items[0]).not.toHaveProperty('leadError');

		const created = notification('CREATED');
		const off = await trigger({ ...params, fetchLead: false }, { credentials: credentials() }).deliver({
			body: created,
			headers: signLinkedIn(LI_SECRET, created),
		});
		expect(off.items).toHaveLength(1);
		expect(off.items[0]).not.toHaveProperty('lead');
		expect(off.items[0]).not.toHaveProperty('leadError');
	});

	it('reports an unknown lead and an expired token on the item, and still starts the workflow', async () => {
		rest()
			.get(LEAD_PATH)
			.reply(404, liError(404, 'NOT_FOUND', 'Not found'));
		const body = notification('CREATED');
		const missing = await trigger(params, { credentials: credentials() }).deliver({
			body,
			headers: signLinkedIn(LI_SECRET, body),
		});
		expect(missing.items[0].leadError).toBe(
			`LinkedIn has no lead ${LEAD_URN} (deleted, or older than 365 days)`,
		);

		rest()
			.get(LEAD_PATH)
			.reply(401, liError(401, 'EXPIRED_ACCESS_TOKEN', 'The token used in the request has expired', 65602));
		const expired = await trigger(params, { credentials: credentials() }).deliver({
			body,
			headers: signLinkedIn(LI_SECRET, body),
		});
		expect(expired.items[0].leadError).toMatch(
			/^LinkedIn access token expired: reconnect this credential \(CRM Bridge LinkedIn OAuth2 API\)/,
		);
		expect(inspect(expired, { depth: 12 })).not.toContain(LI_TOKEN);
	});
});

describe('within the answer budget', () => {
	const event = (id: string, type: WebhookEvent['type'] = 'lead.created'): WebhookEvent => ({
		platform: 'linkedin',
		type,
		rawType: 'LEAD_ACTION.CREATED',
		eventId: `${id}#CREATED`,
		objectId: id,
		occurredAt: new Date(TS).toISOString(),
		verified: true,
		payload: {},
	});
	const ctx = {} as IWebhookFunctions;
	const lead = (id: string) => ({ id, properties: {}, ids: { linkedin: id } });
	const readerOf =
		(reader: LeadReader): LeadReaderFactory =>
		async () =>
			reader;

	it('reads all leads of a delivery in one call, each once; misses are reported per item', async () => {
		const clock: Clock = { now: () => TS, sleep: async () => await new Promise<void>(() => undefined) };
		const calls: string[][] = [];
		const reader: LeadReader = {
			getLeadsById: async (ids) => {
				calls.push(ids);
				return new Map(ids.filter((id) => id !== 'gone').map((id) => [id, lead(id)]));
			},
		};
		const events = [event('a'), event('b'), event('a'), event('gone'), event('c', 'lead.deleted')];
		const items = await withLeads(ctx, events, TS, clock, readerOf(reader));
		expect(calls).toEqual([['a', 'b', 'gone']]);
		expect(items.map((item) => item.lead ?? item.leadError ?? null)).toEqual([
			lead('a'),
			lead('b'),
			lead('a'),
			'LinkedIn has no lead gone (deleted, or older than 365 days)',
			null,
		]);
	});

	it('reports a slow read on the items instead of waiting, and a reader that cannot be made', async () => {
		const clock: Clock = { now: () => TS, sleep: async () => await sleep(0) };
		const slow: LeadReader = { getLeadsById: async () => await new Promise<never>(() => undefined) };
		const slowItems = await withLeads(ctx, [event('a')], TS, clock, readerOf(slow));
		expect(slowItems[0].leadError).toMatch(/answer budget/);

		const broken: LeadReaderFactory = async () => {
			throw new Error('apiVersion: "2024" is not a LinkedIn version (YYYYMM, e.g. 202610)');
		};
		const brokenItems = await withLeads(ctx, [event('a')], TS, clock, broken);
		expect(brokenItems[0].leadError).toBe(
			'apiVersion: "2024" is not a LinkedIn version (YYYYMM, e.g. 202610)',
		);
	});

	it('starts no read once the budget is spent', async () => {
		const clock: Clock = { now: () => TS + LEAD_BUDGET_MS, sleep: async () => undefined };
		const getLeadsById = jest.fn();
		const items = await withLeads(ctx, [event('a')], TS, clock, readerOf({ getLeadsById }));
		expect(getLeadsById).not.toHaveBeenCalled();
		expect(items[0].leadError).toMatch(/answer budget/);
	});

	it('cancels the read when the budget ends: no retry reaches LinkedIn afterwards', async () => {
		const clock = new FakeClock(TS, { manual: true });
		// LinkedIn keeps failing: the provider would retry with backoff long after the answer.
		const transport = new FakeTransport(clock, () => json(503, liError(503, 'SERVICE_UNAVAILABLE', 'busy')));
		const factory: LeadReaderFactory = async () =>
			new LinkedInProvider({ transport: transport.send, clock, random: () => 0.5, version: LI_VERSION });
		const settle = async () => {
			for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
		};

		const pending = withLeads(ctx, [event('lead-1')], TS, clock, factory);
		await settle();
		for (let ms = 0; ms < LEAD_BUDGET_MS; ms += 100) {
			clock.advance(100);
			await settle();
		}
		const items = await pending;
		expect(items[0].leadError).toMatch(/answer budget/);
		const sentWithinBudget = transport.calls;
		expect(sentWithinBudget).toBeGreaterThan(0);

		for (let minute = 0; minute < 10; minute++) {
			clock.advance(60_000);
			await settle();
		}
		expect(transport.calls).toBe(sentWithinBudget);
		expect(transport.sent.every((sent) => sent.at <= TS + LEAD_BUDGET_MS)).toBe(true);
	});
});
