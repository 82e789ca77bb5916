import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import type { CredentialEncryption } from '../../src/core/encryption';
import type { ContactInput } from '../../src/core/models';
import type { PropertyPair, UnifiedSyncField } from '../../src/core/sync/fields';
import { runSync } from '../../src/core/sync/engine';
import type { ConflictPolicy, SyncMode } from '../../src/core/sync/types';
import { credentialShownWhen } from '../../src/n8n/credential-display';
import { toNodeError } from '../../src/n8n/errors';
import { crmEncryptionKeyApiTest, encryptionFor, ENCRYPTION_KEY_CREDENTIAL_TYPE } from '../../src/n8n/sync-credential-test';
import { endpointsFor, type SyncSourceChoice, type SyncTargetChoice } from '../../src/n8n/sync-endpoints';
import { syncItems } from '../../src/n8n/sync-output';
import { loadState, saveState, stateScope } from '../../src/n8n/sync-state';
import { properties } from './description';

interface Options {
	changedSince?: string;
	dryRun?: boolean;
	fields?: UnifiedSyncField[];
	fullResync?: boolean;
	maxAttempts?: number;
	summaryOnly?: boolean;
}

export class CrmSync implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CRM Sync',
		name: 'crmSync',
		icon: { light: 'file:crmSync.svg', dark: 'file:crmSync.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["source"] + " → " + $parameter["target"]}}',
		description: 'Keep contacts in step between HubSpot and Apollo (and pull LinkedIn leads in): incremental, idempotent, per-contact outcomes',
		defaults: { name: 'CRM Sync' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'crmHubSpotAppTokenApi', required: true, displayOptions: credentialShownWhen({ hubspotAuthentication: ['appToken'] }) },
			{ name: 'crmHubSpotOAuth2Api', required: true, displayOptions: credentialShownWhen({ hubspotAuthentication: ['oAuth2'] }) },
			{ name: 'crmApolloApi', required: true, displayOptions: credentialShownWhen({ apolloAccess: ['apiKey'] }) },
			{ name: 'crmLinkedInOAuth2Api', required: true, displayOptions: credentialShownWhen({ source: ['linkedin'] }) },
			{
				name: 'crmEncryptionKeyApi',
				required: true,
				testedBy: 'crmEncryptionKeyApiTest',
				displayOptions: credentialShownWhen({ encryptState: [true] }),
			},
		],
		properties,
	};

	methods = { credentialTest: { crmEncryptionKeyApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const source = this.getNodeParameter('source', 0) as SyncSourceChoice;
		const target = this.getNodeParameter('target', 0) as SyncTargetChoice;
		const mode = this.getNodeParameter('mode', 0, 'one-way') as SyncMode;
		const options = this.getNodeParameter('options', 0, {}) as Options;
		const pairs = ((this.getNodeParameter('fieldMapping', 0, {}) as IDataObject).pairs ?? []) as PropertyPair[];
		const input = this.getInputData();
		if ((source as string) === (target as string)) {
			// One credential per platform in this node: both ends would be the same account.
			throw new NodeOperationError(this.getNode(), `Source and target are the same ${source === 'hubspot' ? 'HubSpot' : 'Apollo'} account`, {
				description: 'Pick another platform as the target, or Output Items.',
			});
		}

		let encryption: CredentialEncryption | undefined;
		if (this.getNodeParameter('encryptState', 0, false) === true) {
			const credential = await this.getCredentials<{ secretKey?: string }>(ENCRYPTION_KEY_CREDENTIAL_TYPE);
			const checked = encryptionFor(credential.secretKey);
			if (typeof checked === 'string') throw new NodeOperationError(this.getNode(), `Encryption key credential: ${checked}`);
			encryption = checked;
		}
		const changedSince = options.changedSince ? new Date(options.changedSince) : undefined;
		if (changedSince && Number.isNaN(changedSince.getTime())) {
			throw new NodeOperationError(this.getNode(), 'Changed Since is not a valid date');
		}

		const scope = stateScope(source, target, mode);
		try {
			const state = loadState(this, scope, encryption, false);
			const endpoints = await endpointsFor(this, source, target, input.map((item) => item.json as ContactInput));
			const { report, state: next } = await runSync(
				{
					...endpoints,
					mode,
					conflictPolicy: this.getNodeParameter('conflictPolicy', 0, 'newest') as ConflictPolicy,
					pairs,
					fields: options.fields?.length ? options.fields : undefined,
					fullResync: options.fullResync === true,
					changedSince,
					dryRun: options.dryRun === true,
					maxAttempts: options.maxAttempts,
					signal: this.getExecutionCancelSignal?.(),
				},
				state,
			);
			if (!report.dryRun) saveState(this, scope, next, encryption);
			return [syncItems(report, options.summaryOnly === true).map((item) => ({ ...item, pairedItem: { item: 0 } }))];
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
	}
}
