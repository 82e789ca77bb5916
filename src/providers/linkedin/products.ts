/**
 * Which LinkedIn product (and scope) each API needs. LinkedIn opens only sign-in and member posting to
 * every app; the rest needs a product LinkedIn approves per app. A 403 names what is missing from here.
 */
export interface ProductNeed {
	scope: string;
	product: string;
	/** Whether LinkedIn must approve the product for the app (not self-service). */
	approval: boolean;
	/** What else a 403 can mean for this API besides a missing scope. */
	role?: string;
}

export const SIGN_IN: ProductNeed = {
	scope: 'openid profile email',
	product: 'Sign In with LinkedIn using OpenID Connect',
	approval: false,
};
export const MEMBER_POSTING: ProductNeed = {
	scope: 'w_member_social',
	product: 'Share on LinkedIn',
	approval: false,
};
export const ORGANIZATION_POSTING: ProductNeed = {
	scope: 'w_organization_social',
	product: 'Community Management API',
	approval: true,
	role: 'The signed-in member must also be an administrator of the page.',
};
export const LEAD_SYNC: ProductNeed = {
	scope: 'r_marketing_leadgen_automation',
	product: 'Lead Sync API',
	approval: true,
	role: 'The signed-in member must also have a role on the ad account or page that owns the leads.',
};

/** The need of a request, from its path (and, for posts, whether it posts as an organization). */
export function productFor(path: string, body: unknown): ProductNeed | undefined {
	if (path.startsWith('/v2/userinfo')) return SIGN_IN;
	if (path.startsWith('/rest/posts')) {
		const author = (body as { author?: unknown } | undefined)?.author;
		return typeof author === 'string' && author.startsWith('urn:li:organization:')
			? ORGANIZATION_POSTING
			: MEMBER_POSTING;
	}
	if (/^\/rest\/lead(Forms|FormResponses|Notifications)/.test(path)) return LEAD_SYNC;
	return undefined;
}
