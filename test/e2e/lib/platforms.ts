/**
 * What scenarios know about each emulated platform before n8n starts: where the sandbox serves it and the
 * sandbox's built-in accounts (sandbox/README.md, sandbox/cli.ts). One entry per platform, so an Apollo or LinkedIn
 * scenario reads `ctx.platforms.<name>` the way HubSpot's do, instead of growing platform-specific fields.
 */
import type { SandboxClient } from './sandbox';

export interface HubSpotSandbox {
	/** API base inside the sandbox, e.g. http://127.0.0.1:41234/hubspot: a credential's Base URL. */
	url: string;
	/** The private-app token the sandbox accepts. */
	token: string;
	/** The sandbox's OAuth app (sandbox/cli.ts --client-id/--client-secret). */
	oauth: { clientId: string; clientSecret: string };
	/** The developer API key and app whose webhooks v3 settings the sandbox keeps. */
	developerApiKey: string;
	appId: string;
}

export interface ApolloSandbox {
	/** API base inside the sandbox (`<sandbox>/apollo`). */
	url: string;
	/** The x-api-key the sandbox accepts (a master key). */
	apiKey: string;
}

export interface LinkedInSandbox {
	/** API base inside the sandbox (`<sandbox>/linkedin`). */
	url: string;
	/** A token with every scope. */
	token: string;
	/** The sandbox's LinkedIn app; its client secret also signs the notifications it sends. */
	oauth: { clientId: string; clientSecret: string };
}

export interface OpenAiSandbox {
	/** The OpenAI stand-in's API base (`<sandbox>/openai/v1`): an `openAiApi` credential's Base URL. */
	url: string;
	/** The API key the stand-in accepts. */
	apiKey: string;
}

export interface Platforms {
	hubspot: HubSpotSandbox;
	apollo: ApolloSandbox;
	linkedin: LinkedInSandbox;
	openai: OpenAiSandbox;
}

/** Last month as YYYYMM: a LinkedIn-Version the sandbox always accepts (this month back to twelve months ago). */
export function linkedInVersion(now = new Date()): string {
	const d = new Date(now);
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() - 1);
	return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function sandboxPlatforms(sandbox: SandboxClient): Platforms {
	return {
		hubspot: {
			url: sandbox.hubspotUrl,
			token: 'sandbox-hubspot-token',
			oauth: { clientId: 'sandbox-client-id', clientSecret: 'sandbox-client-secret' },
			developerApiKey: 'sandbox-developer-key',
			appId: '424242',
		},
		// sandbox/apollo/cli-flags.ts and sandbox/linkedin/cli-flags.ts name these defaults.
		apollo: { url: `${sandbox.url}/apollo`, apiKey: 'sandbox-apollo-key' },
		linkedin: {
			url: `${sandbox.url}/linkedin`,
			token: 'sandbox-linkedin-token',
			oauth: { clientId: 'sandbox-linkedin-client-id', clientSecret: 'sandbox-linkedin-client-secret' },
		},
		// sandbox/openai/config.ts names this key.
		openai: { url: `${sandbox.url}/openai/v1`, apiKey: 'sandbox-openai-key' },
	};
}
