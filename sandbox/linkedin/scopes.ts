/**
 * Which LinkedIn product grants which scope, so a 403 can name what the app or the token lacks, as the
 * node must tell its user which approval an operation needs.
 */
export const PRODUCTS: Record<string, string> = {
	openid: 'Sign In with LinkedIn using OpenID Connect',
	profile: 'Sign In with LinkedIn using OpenID Connect',
	email: 'Sign In with LinkedIn using OpenID Connect',
	w_member_social: 'Share on LinkedIn',
	w_organization_social: 'Community Management API',
	r_marketing_leadgen_automation: 'Lead Sync API',
};

export const ALL_SCOPES = Object.keys(PRODUCTS);
