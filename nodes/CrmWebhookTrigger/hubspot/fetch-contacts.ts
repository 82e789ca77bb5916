/**
 * "Fetch Full Contact": reads the events' contacts through the HubSpot provider before the workflow
 * starts, with one batch read per 100 contacts (a delivery holds up to 100 events). HubSpot gives up on
 * an answer after 5 seconds and retries, so the reads get a 3-second budget from the request's arrival,
 * and whatever is not back in time is reported on the item ("contactError") instead of holding the answer.
 * When the budget ends the reads are cancelled (the provider's requests carry an AbortSignal), so no
 * retry keeps calling HubSpot in the background after the answer has gone.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import type { Clock } from '../../../src/core/http';
import type { Contact, WebhookEvent } from '../../../src/core/models';
import { n8nClock } from '../../../src/n8n/clock';
import { hubspotCredentialType } from '../../../src/n8n/hubspot';
import { n8nTransport } from '../../../src/n8n/transport';
import { HubSpotProvider } from '../../../src/providers/hubspot/provider';
import { commaList } from '../comma-list';

export const CONTACT_BUDGET_MS = 3_000;
const BATCH = 100;
/** These events are about contacts that no longer exist: a read could only miss. */
const GONE = new Set(['contact.deleted', 'contact.privacyDeleted']);

type Outcome = { contact: Contact } | { error: string };

export interface ContactReader {
	getContacts(ids: string[], properties?: string[]): Promise<Map<string, Contact>>;
}

/** Makes the reader for one delivery; its requests stop once `signal` is aborted. */
export type ContactReaderFactory = (signal: AbortSignal) => Promise<ContactReader>;

function providerReader(ctx: IWebhookFunctions, clock: Clock): ContactReaderFactory {
	return async (signal) => {
		const credentialType = hubspotCredentialType(
			ctx.getNodeParameter('hubspotApiAuthentication', 'appToken'),
		);
		// Only the base URL is read here; the token stays inside n8n's request helper.
		const { baseUrl } = await ctx.getCredentials<{ baseUrl?: string }>(credentialType);
		return new HubSpotProvider({ transport: n8nTransport(ctx, credentialType), clock, baseUrl, signal });
	};
}

export async function withContacts(
	ctx: IWebhookFunctions,
	events: WebhookEvent[],
	receivedAt: number,
	clock: Clock = n8nClock,
	makeReader: ContactReaderFactory = providerReader(ctx, clock),
): Promise<IDataObject[]> {
	const ids = [
		...new Set(
			events
				.filter((event) => event.type.startsWith('contact.') && !GONE.has(event.type) && event.objectId)
				.map((event) => event.objectId as string),
		),
	];
	const outcomes = new Map<string, Outcome>();
	if (ids.length > 0) {
		const budget = new AbortController();
		const reader = await makeReader(budget.signal);
		const properties = commaList(ctx.getNodeParameter('contactProperties', ''));
		const left = receivedAt + CONTACT_BUDGET_MS - clock.now();
		const chunks = [];
		for (let start = 0; start < ids.length; start += BATCH) chunks.push(ids.slice(start, start + BATCH));
		const deadline = left > 0 ? clock.sleep(left) : Promise.resolve();
		// Whatever is still running when the budget ends is cancelled, not left retrying.
		void deadline.then(() => budget.abort());
		await Promise.all(
			chunks.map(async (chunk) => {
				const result = left > 0 ? await readWithin(reader, chunk, properties, deadline) : late();
				for (const id of chunk) {
					if ('error' in result) outcomes.set(id, result);
					else {
						const contact = result.contacts.get(id);
						outcomes.set(id, contact ? { contact } : { error: `HubSpot has no contact ${id}` });
					}
				}
			}),
		);
	}
	return events.map((event) => {
		const json = { ...event } as IDataObject;
		const outcome = event.objectId ? outcomes.get(event.objectId) : undefined;
		if (outcome && 'contact' in outcome) json.contact = outcome.contact as unknown as IDataObject;
		if (outcome && 'error' in outcome) json.contactError = outcome.error;
		return json;
	});
}

const late = (): { error: string } => ({
	error: `not read: HubSpot's answer budget left no time (${CONTACT_BUDGET_MS / 1000} s)`,
});

async function readWithin(
	reader: ContactReader,
	ids: string[],
	properties: string[],
	deadline: Promise<void>,
): Promise<{ contacts: Map<string, Contact> } | { error: string }> {
	const read = reader.getContacts(ids, properties).then(
		(contacts) => ({ contacts }),
		// Core errors carry only response fields, never the token: safe to put on the item.
		(error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
	);
	return await Promise.race([read, deadline.then(late)]);
}
