/**
 * What a platform check needs from an n8n webhook request: the raw bytes as received, the headers,
 * the method, and the URL the sender called as the public internet saw it.
 */
import type { IWebhookFunctions } from 'n8n-workflow';
import type { HeaderBag } from '../../src/core/signatures';

export interface Delivery {
	rawBody: Buffer;
	headers: HeaderBag;
	method: string;
	/** Public URL with the raw (still percent-encoded) query string, as the sender signed it. */
	url: string;
	/** Query parameters, decoded. */
	query: Record<string, string>;
}

export async function readDelivery(ctx: IWebhookFunctions): Promise<Delivery> {
	const request = ctx.getRequestObject();
	// n8n fills rawBody for JSON, text and form bodies; anything else has to be read first.
	if (request.rawBody === undefined && typeof request.readRawBody === 'function') await request.readRawBody();
	const raw: unknown = request.rawBody;
	return {
		rawBody: Buffer.isBuffer(raw) ? raw : Buffer.from(typeof raw === 'string' ? raw : '', 'utf8'),
		headers: ctx.getHeaderData() as HeaderBag,
		method: (request.method ?? 'POST').toUpperCase(),
		url: signedUrl(ctx),
		query: flatQuery(ctx.getQueryData()),
	};
}

/**
 * n8n's own URL for the endpoint being served (test or production) keeps the path; the query comes
 * raw from the request line, because the decoded one n8n parses is not what the sender signed.
 * `Public Base URL` replaces n8n's scheme and host when a proxy makes WEBHOOK_URL differ from them.
 */
export function signedUrl(ctx: IWebhookFunctions): string {
	// getWebhookResourceUrl (the test URL on a test run) is recent; older n8n only knows the production URL.
	const resource =
		typeof ctx.getWebhookResourceUrl === 'function' ? ctx.getWebhookResourceUrl('default') : undefined;
	const served = resource ?? ctx.getNodeWebhookUrl('default') ?? '';
	const request = ctx.getRequestObject();
	const line = request.originalUrl ?? request.url ?? '';
	const at = line.indexOf('?');
	return publicUrl(served.split('?')[0], publicBase(ctx)) + (at >= 0 ? line.slice(at) : '');
}

export function publicBase(ctx: Pick<IWebhookFunctions, 'getNodeParameter'>): string {
	const platform = ctx.getNodeParameter('platform', 'hubspot') as string;
	return platform === 'hubspot' ? String(ctx.getNodeParameter('publicBaseUrl', '')).trim() : '';
}

/** `https://n8n.example.com/prefix` + the path of n8n's URL; n8n's URL unchanged when no base is set. */
export function publicUrl(n8nUrl: string, base: string): string {
	if (!base) return n8nUrl;
	let path = n8nUrl;
	const scheme = n8nUrl.indexOf('://');
	if (scheme >= 0) {
		const slash = n8nUrl.indexOf('/', scheme + 3);
		path = slash >= 0 ? n8nUrl.slice(slash) : '/';
	}
	return base.replace(/\/+$/, '') + path;
}

function flatQuery(query: object): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(query)) {
		const first: unknown = Array.isArray(value) ? value[0] : value;
		if (typeof first === 'string') out[key] = first;
	}
	return out;
}
