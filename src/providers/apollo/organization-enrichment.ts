/**
 * Organization enrichment for many domains: 10 per bulk_enrich call. Apollo answers only the companies it
 * found, so answers are mapped back to inputs by domain; a domain asked twice is asked once.
 */
import { mapConcurrent } from '../../core/concurrency';
import { CRMException, CRMNetworkError, CRMValidationError } from '../../core/errors';
import type { HttpClient } from '../../core/http';
import { CREDITS_PER_RECORD, type CreditBudget } from './credits';
import { APOLLO_PATHS, BUCKETS, MAX_BULK_DOMAINS } from './endpoints';
import type { ApolloOrganization, EnrichmentResult } from './enrichment-types';

type Json = Record<string, unknown>;

export async function enrichOrganizations(
	http: HttpClient,
	domains: string[],
	budget: CreditBudget,
	concurrency: number,
): Promise<EnrichmentResult<ApolloOrganization>[]> {
	const results: EnrichmentResult<ApolloOrganization>[] = new Array(domains.length);
	const byDomain = new Map<string, number[]>();
	domains.forEach((raw, index) => {
		const domain = normalDomain(raw ?? '');
		if (!domain) {
			const message = 'a company domain is required (e.g. apollo.io)';
			results[index] = {
				index,
				status: 'failed',
				error: new CRMValidationError(`Item ${index}: ${message}`, {
					platform: 'apollo',
					fields: [{ field: 'domain', message, itemIndex: index }],
				}),
			};
			return;
		}
		byDomain.set(domain, [...(byDomain.get(domain) ?? []), index]);
	});

	const unique = [...byDomain.keys()];
	const chunks: string[][] = [];
	for (let start = 0; start < unique.length; start += MAX_BULK_DOMAINS)
		chunks.push(unique.slice(start, start + MAX_BULK_DOMAINS));
	let capped = false;
	const lanes = budget.cap === undefined ? concurrency : 1;
	await mapConcurrent(chunks, lanes, async (chunk) => {
		const estimate = chunk.length * CREDITS_PER_RECORD;
		const indices = (domain: string) => byDomain.get(domain) ?? [];
		if (capped || !budget.tryReserve(estimate)) {
			capped = true;
			const message = `Credit cap of ${budget.cap} reached (${budget.spent} spent): not enriched, to avoid spending up to ${estimate} more`;
			for (const domain of chunk)
				for (const index of indices(domain))
					results[index] = { index, status: 'skipped', reason: 'creditCap', message };
			return;
		}
		let spent = 0;
		try {
			const found = await send(http, chunk);
			spent = found.size * CREDITS_PER_RECORD;
			for (const domain of chunk) {
				const organization = found.get(domain);
				const credits = { estimated: organization ? CREDITS_PER_RECORD : 0, callInputs: chunk.length };
				for (const index of indices(domain)) {
					results[index] = organization
						? { index, status: 'matched', value: organization, credits }
						: { index, status: 'noMatch', credits };
				}
			}
		} catch (error) {
			const failure =
				error instanceof CRMException
					? error
					: new CRMException('Apollo enrichment failed', { platform: 'apollo', cause: error });
			for (const domain of chunk)
				for (const index of indices(domain)) results[index] = { index, status: 'failed', error: failure };
			// A lost answer may still have been charged: under a cap, count the worst case.
			if (error instanceof CRMNetworkError) spent = estimate;
		} finally {
			budget.settle(estimate, spent);
		}
	});
	return results;
}

async function send(http: HttpClient, chunk: string[]): Promise<Map<string, ApolloOrganization>> {
	const found = new Map<string, ApolloOrganization>();
	if (chunk.length === 1) {
		const response = await http.request({
			method: 'GET',
			path: APOLLO_PATHS.organizationEnrich,
			bucket: BUCKETS.enrichment,
			query: { domain: chunk[0] },
		});
		const organization = (response.body as { organization?: unknown }).organization;
		if (isObject(organization)) found.set(chunk[0], toOrganization(organization));
		return found;
	}
	const response = await http.request({
		method: 'POST',
		path: APOLLO_PATHS.organizationBulkEnrich,
		bucket: BUCKETS.enrichment,
		// Without a phone reveal a resend costs at most what the first call would have.
		idempotent: true,
		body: { domains: chunk },
	});
	const organizations = (response.body as { organizations?: unknown }).organizations;
	for (const organization of Array.isArray(organizations) ? organizations.filter(isObject) : []) {
		const mapped = toOrganization(organization);
		const keys = [mapped.domain, normalDomain(String(organization.website_url ?? ''))];
		const domain = chunk.find((d) => keys.includes(d));
		if (domain && !found.has(domain)) found.set(domain, mapped);
	}
	return found;
}

export function toOrganization(organization: Json): ApolloOrganization {
	const domain = normalDomain(String(organization.primary_domain ?? organization.website_url ?? ''));
	return {
		id: typeof organization.id === 'string' ? organization.id : undefined,
		name: typeof organization.name === 'string' ? organization.name : undefined,
		domain: domain || undefined,
		properties: { ...organization },
	};
}

/** "https://www.Acme.com/about" → "acme.com": what users paste and what Apollo stores differ. */
export function normalDomain(value: string): string {
	return value
		.trim()
		.toLowerCase()
		.replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
		.replace(/^www\./, '')
		.replace(/[/?#:].*$/, '');
}

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
