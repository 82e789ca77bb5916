/**
 * CRMException → n8n error, in one place. Platform answers become NodeApiError (with the HTTP status),
 * everything the user can fix in the node's parameters becomes NodeOperationError. Only the core's own
 * messages travel: they are built from response fields, never from requests, so no token can leak.
 */
import { NodeApiError, NodeOperationError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';
import {
	CRMConflictError,
	CRMException,
	CRMNotSupportedError,
	CRMRateLimitError,
	CRMValidationError,
} from '../core/errors';

export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (!(error instanceof CRMException)) {
		const message = error instanceof Error ? error.message : String(error);
		return new NodeOperationError(node, message, { itemIndex });
	}
	const description = describe(error);
	const local = error.httpStatus === undefined && (error instanceof CRMValidationError || error instanceof CRMNotSupportedError);
	if (local) return new NodeOperationError(node, error.message, { itemIndex, description });
	return new NodeApiError(node, errorDetails(error) as JsonObject, {
		message: error.message,
		description,
		httpCode: error.httpStatus === undefined ? undefined : String(error.httpStatus),
		itemIndex,
	});
}

/** The JSON an item carries when "continue on fail" turns a failure into output. */
export function errorDetails(error: unknown): IDataObject {
	if (!(error instanceof CRMException)) return { error: error instanceof Error ? error.message : String(error) };
	const out: IDataObject = { error: error.message, type: error.name };
	if (error.platform) out.platform = error.platform;
	if (error.httpStatus !== undefined) out.httpStatus = error.httpStatus;
	if (error.code) out.code = error.code;
	if (error.correlationId) out.correlationId = error.correlationId;
	if (error instanceof CRMValidationError && error.fields.length > 0) out.fields = error.fields as unknown as IDataObject[];
	if (error instanceof CRMConflictError && error.existingId) out.existingId = error.existingId;
	if (error instanceof CRMRateLimitError) {
		out.policy = error.policy;
		if (error.retryAfterMs !== undefined) out.retryAfterMs = error.retryAfterMs;
	}
	return out;
}

function describe(error: CRMException): string | undefined {
	const parts: string[] = [];
	if (error.description) parts.push(error.description);
	if (error instanceof CRMValidationError) {
		for (const f of error.fields) parts.push(`${f.field}: ${f.message}`);
	}
	if (error.correlationId) parts.push(`Correlation ID: ${error.correlationId}`);
	return parts.length > 0 ? parts.join('\n') : undefined;
}
