/** What enrichment answers per input: found, not found, skipped without a request, or failed. */
import type { CRMException } from '../../core/errors';
import type { UnifiedField } from './mapping';

export interface CreditReport {
	/** Our worst case for this input (1 if found, +8 when a phone was asked for). */
	estimated: number;
	/** What Apollo reported for the whole call this input went in, when it reported it. */
	callConsumed?: number;
	/** How many inputs shared that call. */
	callInputs: number;
}

export type EnrichmentResult<T> =
	| { index: number; status: 'matched'; value: T; credits: CreditReport; requestId?: string }
	| { index: number; status: 'noMatch'; credits: CreditReport }
	| { index: number; status: 'skipped'; reason: 'complete' | 'creditCap'; message: string }
	| { index: number; status: 'failed'; error: CRMException };

export interface PeopleEnrichmentOptions {
	/** Personal emails too (never for people in GDPR regions; Apollo's rule). */
	revealPersonalEmails?: boolean;
	/** Mobile numbers (+8 credits each), delivered later to `webhookUrl`. */
	revealPhone?: boolean;
	waterfallEmail?: boolean;
	waterfallPhone?: boolean;
	/** Where Apollo POSTs phone and waterfall results: a CRM Webhook Trigger in Apollo mode. */
	webhookUrl?: string;
	/** Skip (no request, no credit) an input that already has every one of these fields. */
	onlyIfMissing?: UnifiedField[];
}

export interface ApolloOrganization {
	id?: string;
	name?: string;
	domain?: string;
	properties: Record<string, unknown>;
}
