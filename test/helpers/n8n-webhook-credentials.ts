/**
 * A credentials helper for n8n-core's execution contexts in tests: hands out fixed decrypted
 * credentials by type and applies a credential type's generic `authenticate` block (headers and query
 * string built from `{{$credentials.x}}`) the way n8n's own CredentialsHelper does for such blocks.
 * Everything else n8n's helper can do (OAuth token refresh, pre-authentication) is not needed by the
 * credentials of this package and fails loudly if a test reaches it.
 */
import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IHttpRequestOptions,
	type INodeProperties,
} from 'n8n-workflow';
import { CrmApolloApi } from '../../credentials/CrmApolloApi.credentials';
import { CrmHubSpotAppApi } from '../../credentials/CrmHubSpotAppApi.credentials';
import { CrmHubSpotAppTokenApi } from '../../credentials/CrmHubSpotAppTokenApi.credentials';
import { CrmHubSpotOAuth2Api } from '../../credentials/CrmHubSpotOAuth2Api.credentials';
import { CrmLinkedInOAuth2Api } from '../../credentials/CrmLinkedInOAuth2Api.credentials';
import { CrmWebhookSecretApi } from '../../credentials/CrmWebhookSecretApi.credentials';

export type CredentialData = Record<string, string>;

const TYPES: Record<string, ICredentialType> = Object.fromEntries(
	[
		new CrmApolloApi(),
		new CrmHubSpotAppApi(),
		new CrmHubSpotAppTokenApi(),
		new CrmHubSpotOAuth2Api(),
		new CrmLinkedInOAuth2Api(),
		new CrmWebhookSecretApi(),
	].map((type) => [type.name, type as ICredentialType]),
);

/** `=Bearer {{$credentials.accessToken}}` → `Bearer <token>`; plain strings stay as they are. */
function resolve(template: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (typeof template !== 'string' || !template.startsWith('=')) return template;
	return template
		.slice(1)
		.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_match, name: string) =>
			String(credentials[name] ?? ''),
		);
}

function resolveAll(
	block: Record<string, unknown> | undefined,
	credentials: ICredentialDataDecryptedObject,
): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(block ?? {}).map(([key, value]) => [key, resolve(value, credentials)]),
	);
}

export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, CredentialData>) {
		super();
	}

	/** Replaces one credential's data, as editing it in n8n would. */
	set(type: string, data: CredentialData): void {
		this.data[type] = data;
	}

	getParentTypes(name: string): string[] {
		const extended = TYPES[name]?.extends ?? [];
		return extended.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const authenticate = TYPES[typeName]?.authenticate;
		if (authenticate === undefined) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		const properties = authenticate.properties as {
			headers?: Record<string, unknown>;
			qs?: Record<string, unknown>;
		};
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, ...resolveAll(properties.headers, credentials) },
			qs: { ...requestOptions.qs, ...resolveAll(properties.qs, credentials) },
		} as IHttpRequestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('TestCredentialsHelper.getCredentials is not implemented');
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (data === undefined) throw new Error(`No test credential of type ${type}`);
		// n8n fills a credential's missing fields with their defaults before a node sees it.
		const defaults = Object.fromEntries(
			(TYPES[type]?.properties ?? [])
				.filter((property) => property.default !== undefined && property.type !== 'notice')
				.map((property) => [property.name, property.default]),
		);
		return { ...defaults, ...data } as ICredentialDataDecryptedObject;
	}

	async updateCredentials(): Promise<void> {
		throw new Error('TestCredentialsHelper.updateCredentials is not implemented');
	}

	async updateCredentialsOauthTokenData(): Promise<void> {
		throw new Error('TestCredentialsHelper.updateCredentialsOauthTokenData is not implemented');
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return TYPES[type]?.properties ?? [];
	}
}
