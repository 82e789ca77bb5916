/**
 * LinkedIn's hosts, paths and versioning headers, written once. Two hosts: the API (`/v2/userinfo`,
 * `/rest/*`) and the OAuth host (`/oauth/v2/*`); both are settable so a proxy or the local sandbox can
 * stand in for them.
 */
export const LINKEDIN_API_BASE_URL = 'https://api.linkedin.com';
export const LINKEDIN_OAUTH_BASE_URL = 'https://www.linkedin.com';

/**
 * The `LinkedIn-Version` sent when none is configured. LinkedIn keeps a version active for about a year
 * after its release; 202610 was released in October 2026, so it stays active until about October 2027.
 */
export const DEFAULT_LINKEDIN_VERSION = '202610';

/** The credential a user must reconnect; named in every token error. */
export const LINKEDIN_CREDENTIAL_NAME = 'CRM Bridge LinkedIn OAuth2 API';

export const LINKEDIN_PATHS = {
	userinfo: '/v2/userinfo',
	posts: '/rest/posts',
	leadForms: '/rest/leadForms',
	leadForm: (id: string): string => `/rest/leadForms/${restliKey(id)}`,
	leadResponses: '/rest/leadFormResponses',
	leadResponse: (id: string): string => `/rest/leadFormResponses/${restliKey(id)}`,
	leadNotifications: '/rest/leadNotifications',
	leadNotification: (id: string): string => `/rest/leadNotifications/${restliKey(id)}`,
	introspect: '/oauth/v2/introspectToken',
} as const;

/**
 * A key or URN as a path segment. Rest.li 2.0 reserves `(`, `)`, `,`, `:` and `'` inside values, and
 * encodeURIComponent leaves the parentheses and the quote alone.
 */
export function restliKey(value: string): string {
	return encodeURIComponent(value).replace(
		/[()']/g,
		(char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/** Whether a path is a versioned `/rest/*` call, which needs the version headers. */
export function isVersioned(path: string): boolean {
	return /^\/rest\//.test(path);
}
