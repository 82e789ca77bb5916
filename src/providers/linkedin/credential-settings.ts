/**
 * What the provider needs from a saved `crmLinkedInOAuth2Api` credential, read in one place so every
 * LinkedIn node and the trigger build the provider alike. The token is not among them: it stays inside
 * n8n's request helper.
 */
import type { LinkedInProviderOptions } from './provider';
import { linkedInCredentialOptions, type LinkedInCredentialOptions } from './refresh-policy';

/** The credential's fields as n8n hands them to a node (all optional: older saves lack the newer ones). */
export interface LinkedInCredentialData {
	baseUrl?: string;
	oauthBaseUrl?: string;
	apiVersion?: string;
	oauthTokenData?: unknown;
}

export interface LinkedInSettings {
	provider: Pick<LinkedInProviderOptions, 'baseUrl' | 'oauthBaseUrl' | 'version'>;
	/** For n8n's request helper (`httpRequestWithAuthentication`'s last argument). */
	credentialOptions: LinkedInCredentialOptions;
}

export function linkedInSettings(data: LinkedInCredentialData): LinkedInSettings {
	const text = (value: unknown) =>
		typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
	return {
		provider: {
			baseUrl: text(data.baseUrl),
			oauthBaseUrl: text(data.oauthBaseUrl),
			version: text(data.apiVersion),
		},
		credentialOptions: linkedInCredentialOptions(data),
	};
}
