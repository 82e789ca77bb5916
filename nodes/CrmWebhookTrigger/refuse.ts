/**
 * Refusals. n8n would turn a thrown error into a 500 and a failed execution; a forged or broken
 * delivery must get its 4xx and leave no trace but a log line, so the answer is written directly.
 */
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

export function refuse(
	ctx: IWebhookFunctions,
	status: 400 | 401 | 405,
	reason: string,
): IWebhookResponseData {
	ctx.logger.warn(`CRM Webhook Trigger refused a request (${status}): ${reason}`, {
		node: ctx.getNode().name,
		workflowId: ctx.getWorkflow().id,
	});
	const response = ctx.getResponseObject();
	response.status(status).json({ error: reason });
	return { noWebhookResponse: true };
}
