/**
 * Phone reveals and waterfalls answer later, by POSTing to a webhook URL; Apollo refuses them without one
 * (400). Checking first saves the call and explains where the URL should come from.
 */
import { CRMValidationError } from '../../core/errors';
import type { PeopleEnrichmentOptions } from './enrichment-types';

export function wantsCallback(options: PeopleEnrichmentOptions): boolean {
	return !!(options.revealPhone || options.waterfallEmail || options.waterfallPhone);
}

/** Throws before any request when a callback is asked for without a usable URL. */
export function validateCallbackOptions(options: PeopleEnrichmentOptions): void {
	if (!wantsCallback(options)) return;
	const url = options.webhookUrl?.trim() ?? '';
	let ok = false;
	try {
		ok = ['http:', 'https:'].includes(new URL(url).protocol);
	} catch {
		ok = false;
	}
	if (ok) return;
	const asked = [
		options.revealPhone && 'Reveal Phone Number',
		(options.waterfallEmail || options.waterfallPhone) && 'Run Waterfall',
	]
		.filter(Boolean)
		.join(' and ');
	const message =
		url === '' ? 'a webhook URL is required' : 'the webhook URL must be an absolute http(s) URL';
	throw new CRMValidationError(`${asked}: ${message}`, {
		platform: 'apollo',
		code: 'WEBHOOK_URL_REQUIRED',
		fields: [{ field: 'webhookUrl', message }],
		description:
			'Apollo delivers phone numbers and waterfall results minutes later to this URL. Add a CRM Webhook Trigger ' +
			'with Platform = Apollo to a workflow, activate it, and paste its production URL here with its token ' +
			'(…?token=<your secret>).',
	});
}

/** The flags and URL as Apollo names them, for the request body; only what was asked for is sent. */
export function enrichmentParameters(options: PeopleEnrichmentOptions): Record<string, boolean | string> {
	return {
		...(options.revealPersonalEmails ? { reveal_personal_emails: true } : {}),
		...(options.revealPhone ? { reveal_phone_number: true } : {}),
		...(options.waterfallEmail ? { run_waterfall_email: true } : {}),
		...(options.waterfallPhone ? { run_waterfall_phone: true } : {}),
		...(wantsCallback(options) ? { webhook_url: (options.webhookUrl ?? '').trim() } : {}),
	};
}

/**
 * Apollo's reference lists the flags as query parameters while its examples send JSON (a Rails API reads
 * both), so the flags travel both ways. The webhook URL stays in the body only: it carries the trigger's
 * secret token, and URLs are what proxies and access logs keep.
 */
export function enrichmentQuery(options: PeopleEnrichmentOptions): Record<string, boolean> | undefined {
	const flags = Object.entries(enrichmentParameters(options)).filter(
		(entry): entry is [string, boolean] => typeof entry[1] === 'boolean',
	);
	return flags.length > 0 ? Object.fromEntries(flags) : undefined;
}
