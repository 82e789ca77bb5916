/**
 * What one B1 run did, read from the sandbox after it: the requests it saw by endpoint and status, and
 * the contacts it holds compared with what was posted (written correctly, wrong, missing, duplicated,
 * written more than once).
 */
import type { Sandbox } from '../../sandbox/server';

export interface InputContact {
	email: string;
	firstName: string;
	lastName: string;
}

export interface RequestTally {
	total: number;
	tooMany: number;
	/** Each 429 as `#<position among the run's requests>@<ms after the first request>`: where in the window it hit. */
	tooManyAt: string[];
	/** `METHOD endpoint` → status → count; emails and ids in paths replaced by placeholders. */
	byEndpoint: Record<string, Record<string, number>>;
	/** Successful v1 createOrUpdate calls beyond the first for the same email (a retry writing it again). */
	rewrites: number;
}

export interface StateTally {
	correct: number;
	/** Present but with other values than posted. */
	wrong: number;
	missing: number;
	/** Extra records holding an email that another record holds too. */
	duplicated: number;
	/** Records for emails that were never posted. */
	unexpected: number;
}

export function contactsFor(n: number): InputContact[] {
	return Array.from({ length: n }, (_, i) => ({
		email: `b1-${i}@example.com`,
		firstName: `First${i}`,
		lastName: `Last${i}`,
	}));
}

function endpoint(path: string): string {
	return path
		.replace(/\/createOrUpdate\/email\/[^/]+/, '/createOrUpdate/email/{email}')
		.replace(/\/vid\/\d+\//, '/vid/{vid}/')
		.replace(/\/objects\/contacts\/\d+$/, '/objects/contacts/{id}');
}

export function tallyRequests(sandbox: Sandbox): RequestTally {
	const requests = sandbox.requests.list({ platform: 'hubspot' });
	const byEndpoint: Record<string, Record<string, number>> = {};
	const written = new Map<string, number>();
	for (const request of requests) {
		const key = `${request.method} ${endpoint(request.path)}`;
		const statuses = (byEndpoint[key] ??= {});
		statuses[request.status] = (statuses[request.status] ?? 0) + 1;
		const email = /\/createOrUpdate\/email\/([^/]+)/.exec(request.path)?.[1];
		if (email && request.status === 200)
			written.set(email.toLowerCase(), (written.get(email.toLowerCase()) ?? 0) + 1);
	}
	return {
		total: requests.length,
		tooMany: requests.filter((r) => r.status === 429).length,
		tooManyAt: requests.flatMap((r, index) =>
			r.status === 429 ? [`#${index + 1}@${r.at - requests[0].at}ms`] : [],
		),
		byEndpoint,
		rewrites: [...written.values()].reduce((sum, count) => sum + count - 1, 0),
	};
}

export function tallyState(sandbox: Sandbox, posted: InputContact[]): StateTally {
	const records = sandbox.hubspot.contacts().filter((c) => !c.archived);
	const byEmail = new Map<string, typeof records>();
	for (const record of records) {
		const email = String(record.properties.email ?? '').toLowerCase();
		byEmail.set(email, [...(byEmail.get(email) ?? []), record]);
	}
	const tally: StateTally = { correct: 0, wrong: 0, missing: 0, duplicated: 0, unexpected: 0 };
	const expected = new Set(posted.map((c) => c.email));
	for (const contact of posted) {
		const found = byEmail.get(contact.email) ?? [];
		if (found.length === 0) tally.missing += 1;
		else if (
			found.every(
				(r) => r.properties.firstname === contact.firstName && r.properties.lastname === contact.lastName,
			)
		)
			tally.correct += 1;
		else tally.wrong += 1;
		tally.duplicated += Math.max(0, found.length - 1);
	}
	for (const [email, found] of byEmail) if (!expected.has(email)) tally.unexpected += found.length;
	return tally;
}
