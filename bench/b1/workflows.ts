/**
 * B1's workflows, one per contender, all Webhook → Split Out (`body.contacts`) → the upsert node, and
 * their credentials. Both credentials name HubSpot's real host (this package's default base URL; the
 * built-in node cannot be given another), so both contenders take the same path: preload, loopback TLS
 * proxy, sandbox.
 */
import type { CredentialImport, WorkflowImport } from '../../test/e2e/lib/n8n-cli';
import {
	AUTO_MAP_BY_EMAIL,
	credentialRef,
	hubspotCrmNode,
	webhookWorkflow,
	type NodeSpec,
} from '../../test/e2e/lib/workflow';

export const TOKEN = 'sandbox-hubspot-token';
export const HUBSPOT_HOST = 'api.hubapi.com';

export const PACKAGE_CREDENTIAL: CredentialImport = {
	id: 'benchB1PkgCred01',
	name: 'HubSpot (bench B1, this package)',
	type: 'crmHubSpotAppTokenApi',
	data: { accessToken: TOKEN, baseUrl: `https://${HUBSPOT_HOST}` },
};

export const BUILTIN_CREDENTIAL: CredentialImport = {
	id: 'benchB1BuiltCred',
	name: 'HubSpot (bench B1, built-in node)',
	type: 'hubspotAppToken',
	data: { appToken: TOKEN },
};

export interface Retry {
	maxTries: number;
	waitBetweenTries: number;
}

export interface Contender {
	key: string;
	label: string;
	workflow: WorkflowImport;
	path: string;
	retry?: Retry;
}

const splitOut: NodeSpec = {
	name: 'Split Out',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: 'body.contacts', include: 'noOtherFields', options: {} },
};

function contender(key: string, label: string, node: NodeSpec, retry?: Retry): Contender {
	const path = `bench-b1-${key}`;
	const workflow = webhookWorkflow({
		name: `[bench B1] ${label}`,
		path,
		responseData: 'firstEntryJson',
		nodes: [splitOut, node],
	});
	return { key, label, workflow, path, retry };
}

/** This package: Create or Update, fields mapped automatically (the items carry email, firstName, lastName). */
function packageUpsert(): NodeSpec {
	return hubspotCrmNode({ operation: 'upsert', columns: AUTO_MAP_BY_EMAIL }, PACKAGE_CREDENTIAL);
}

/** n8n's HubSpot node (v2.2, its default), Contact → Create or Update, the same three fields by expression. */
function builtinUpsert(retry?: Retry): NodeSpec {
	return {
		name: 'HubSpot',
		type: 'n8n-nodes-base.hubspot',
		typeVersion: 2.2,
		parameters: {
			authentication: 'appToken',
			resource: 'contact',
			operation: 'upsert',
			email: '={{ $json.email }}',
			additionalFields: { firstName: '={{ $json.firstName }}', lastName: '={{ $json.lastName }}' },
			options: {},
		},
		credentials: credentialRef(BUILTIN_CREDENTIAL),
		...(retry
			? { retryOnFail: true, maxTries: retry.maxTries, waitBetweenTries: retry.waitBetweenTries }
			: {}),
	};
}

export function contenders(retries: Retry[]): Contender[] {
	return [
		contender('package', 'this package: HubSpot CRM upsert', packageUpsert()),
		contender('builtin', "n8n's HubSpot node: contact upsert", builtinUpsert()),
		...retries.map((retry) =>
			contender(
				`builtin-retry-${retry.maxTries}x${retry.waitBetweenTries}`,
				`n8n's HubSpot node with Retry On Fail (${retry.maxTries} tries, ${retry.waitBetweenTries} ms apart)`,
				builtinUpsert(retry),
				retry,
			),
		),
	];
}
