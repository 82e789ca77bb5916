/**
 * Scrubbing of credentials from text that may end up in an error, a log or an output item. Anything a
 * server or a socket says can quote the request back: a proxy's error page echoing the URL
 * (`?hapikey=…`), a transport message quoting headers (`Authorization: Bearer …`), a JSON error body
 * naming a token. Every path that turns a response or a failure into a message goes through here.
 */

/** Names whose value is a secret wherever they appear as `name=value` or `name: value`. */
const SECRET_NAMES =
	'hapikey|api[_-]?key|apikey|x-api-key|access[_-]?token|refresh[_-]?token|id[_-]?token|client[_-]?secret|' +
	'private[_-]?app[_-]?token|developer[_-]?api[_-]?key|password|passwd|secret|token|signature';

/** Headers that carry credentials, optionally with an auth scheme before the value. */
const SECRET_HEADERS =
	'authorization|proxy-authorization|x-api-key|api-key|x-hubspot-api-key|x-li-signature|x-hubspot-signature(?:-v3)?|cookie|set-cookie';

const SECRET_KEY = new RegExp(`^(?:${SECRET_NAMES})$`, 'i');

const PATTERNS: Array<[RegExp, string]> = [
	// Query parameters whose name mentions a key, token, secret or code (HubSpot's `hapikey`, OAuth `code`).
	[/([?&;][\w.-]*(?:key|token|secret|code|password|signature|auth)[\w.-]*=)[^&\s"'<>#]*/gi, '$1***'],
	// Headers, quoted or not, with or without a scheme: `Authorization: Bearer x`, `"x-api-key":"x"`.
	[
		new RegExp(`((?:${SECRET_HEADERS})["']?\\s*[:=]\\s*["']?)(?:(?:bearer|basic|token)\\s+)?[^\\s"',;)}\\]<>]+`, 'gi'),
		'$1***',
	],
	// Free-standing assignments and JSON members: `api_key=x`, `"access_token": "x"`, `client_secret: x`.
	[new RegExp(`(\\b(?:${SECRET_NAMES})\\b["']?\\s*[:=]\\s*["']?)[^\\s"'&,;)}\\]<>]+`, 'gi'), '$1***'],
	// Bearer and Basic credentials wherever they stand.
	[/(\bbearer\s+)[\w\-.~+/=]+/gi, '$1***'],
	[/(\bbasic\s+)[A-Za-z0-9+/=]{8,}/gi, '$1***'],
	// HubSpot private app tokens and developer keys have a recognisable shape even without a name.
	[/\bpat-[a-z]{2,3}\d?-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b/gi, '***'],
];

/** Query-string credentials only: `?hapikey=…&limit=10` becomes `?hapikey=***&limit=10`. */
export function redactQuery(text: string): string {
	return text.replace(PATTERNS[0][0], PATTERNS[0][1]);
}

/** Every credential pattern this package knows, applied to any text. */
export function redactSecrets(text: string): string {
	let out = text;
	for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
	return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'", '#61': '=' };

/**
 * An HTML page (a proxy's or load balancer's error page) as the short text a person would read: no
 * markup, scripts or styles, entities decoded so `&amp;access_token=` is seen (and redacted) as a
 * query parameter, whitespace collapsed.
 */
export function htmlToText(html: string): string {
	return html
		.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
		.replace(/<!--[\s\S]*?-->/g, ' ')
		.replace(/<[^>]*>/g, ' ')
		.replace(/&(amp|lt|gt|quot|apos|nbsp|#39|#61);/gi, (_, name: string) => ENTITIES[name.toLowerCase()] ?? ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Whether a text body is HTML, by its content type or, when that is missing or wrong, by its start. */
export function looksLikeHtml(text: string, contentType: string | undefined): boolean {
	return /html/i.test(contentType ?? '') || /^\s*<(?:!doctype|html|head|body|title|h1|center|div|p)\b/i.test(text);
}

/**
 * A response body made safe to build a message from: text (HTML reduced to its words) and every
 * string inside a JSON body are redacted. Depth-bounded; structure and non-string values are kept, so
 * a platform dialect can still read its error fields.
 */
export function redactBody(body: unknown, contentType?: string, depth = 0): unknown {
	if (typeof body === 'string') {
		return redactSecrets(depth === 0 && looksLikeHtml(body, contentType) ? htmlToText(body) : body);
	}
	if (body === null || typeof body !== 'object' || depth > 8) return body;
	if (Array.isArray(body)) return body.map((entry) => redactBody(entry, undefined, depth + 1));
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(body)) {
		out[key] =
			SECRET_KEY.test(key) && typeof value === 'string' ? '***' : redactBody(value, undefined, depth + 1);
	}
	return out;
}
