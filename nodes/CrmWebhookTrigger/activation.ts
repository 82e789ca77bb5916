/**
 * webhookMethods: what n8n runs when the workflow is activated (checkExists, then create) and
 * deactivated (delete). A set-up that cannot authenticate anything is refused here, with a message
 * in the editor, rather than answering every request 401 later; HubSpot's subscriptions are managed
 * by hubspot/subscriptions.ts.
 */
import { NodeOperationError, type IHookFunctions } from 'n8n-workflow';
import { subscribe, subscriptionsExist, unsubscribe } from './hubspot/subscriptions';
import { genericSetupProblem } from './platforms/generic';

function refuseBadSetup(ctx: IHookFunctions): void {
	if (ctx.getNodeParameter('platform', 'hubspot') !== 'generic') return;
	const problem = genericSetupProblem(ctx);
	if (problem) throw new NodeOperationError(ctx.getNode(), problem, { level: 'warning' });
}

export async function checkExists(ctx: IHookFunctions): Promise<boolean> {
	refuseBadSetup(ctx);
	return await subscriptionsExist(ctx);
}

export async function create(ctx: IHookFunctions): Promise<boolean> {
	refuseBadSetup(ctx);
	return await subscribe(ctx);
}

export async function remove(ctx: IHookFunctions): Promise<boolean> {
	// Deactivating always works, whatever the set-up: it must be possible to switch a bad one off.
	return await unsubscribe(ctx);
}
