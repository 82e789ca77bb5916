/**
 * "Fetch Full Lead": a LinkedIn lead notification names only the lead form response (its URN); this reads
 * the responses through the LinkedIn provider before the workflow starts, in one `getLeadsById` per
 * delivery. LinkedIn gives a webhook 3 seconds to answer, so the read gets 2 seconds from the request's
 * arrival (the rest is n8n's, to start the execution and answer); what is not back by then is reported on
 * the item ("leadError") and the read is cancelled through its AbortSignal, so nothing keeps calling
 * LinkedIn after the answer has gone.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import type { Clock } from '../../../src/core/http';
import type { Contact, WebhookEvent } from '../../../src/core/models';
import { n8nClock } from '../../../src/n8n/clock';
import { linkedInProviderFor } from '../../../src/n8n/linkedin';

export const LEAD_BUDGET_MS = 2_000;

type Outcome = { lead: Contact } | { leadError: string };

export interface LeadReader {
	getLeadsById(ids: string[], options: { signal?: AbortSignal }): Promise<Map<string, Contact>>;
}

export type LeadReaderFactory = () => Promise<LeadReader>;

export async function withLeads(
	ctx: IWebhookFunctions,
	events: WebhookEvent[],
	receivedAt: number,
	clock: Clock = n8nClock,
	makeReader: LeadReaderFactory = async () => await linkedInProviderFor(ctx, clock),
): Promise<IDataObject[]> {
	// A deleted lead can no longer be read: only created ones are fetched.
	const ids = [
		...new Set(
			events
				.filter((event) => event.type === 'lead.created' && event.objectId)
				.map((event) => event.objectId as string),
		),
	];
	const outcomes = new Map<string, Outcome>();
	if (ids.length > 0) {
		const left = receivedAt + LEAD_BUDGET_MS - clock.now();
		const result = left > 0 ? await readWithin(makeReader, ids, left, clock) : late();
		for (const id of ids) {
			if ('leadError' in result) outcomes.set(id, result);
			else {
				const lead = result.leads.get(id);
				outcomes.set(
					id,
					lead ? { lead } : { leadError: `LinkedIn has no lead ${id} (deleted, or older than 365 days)` },
				);
			}
		}
	}
	return events.map((event) => {
		const json = { ...event } as IDataObject;
		const outcome = event.objectId ? outcomes.get(event.objectId) : undefined;
		if (outcome && 'lead' in outcome) json.lead = outcome.lead as unknown as IDataObject;
		if (outcome && 'leadError' in outcome) json.leadError = outcome.leadError;
		return json;
	});
}

const late = (): { leadError: string } => ({
	leadError: `not read: LinkedIn's answer budget left no time (${LEAD_BUDGET_MS / 1000} s for the read)`,
});

async function readWithin(
	makeReader: LeadReaderFactory,
	ids: string[],
	left: number,
	clock: Clock,
): Promise<{ leads: Map<string, Contact> } | { leadError: string }> {
	const budget = new AbortController();
	const deadline = clock.sleep(left);
	// Whatever is still running when the budget ends is cancelled, not left retrying.
	void deadline.then(() => budget.abort());
	// A credential that cannot make a provider (e.g. a malformed API version) fails the read, not the request.
	const read = (async () => await (await makeReader()).getLeadsById(ids, { signal: budget.signal }))().then(
		(leads) => ({ leads }),
		// Core errors carry only response fields, never the token: safe to put on the item.
		(error: unknown) => ({ leadError: error instanceof Error ? error.message : String(error) }),
	);
	return await Promise.race([read, deadline.then(late)]);
}
