/**
 * Lead notification subscriptions (`/rest/leadNotifications`): LinkedIn POSTs a signed LEAD_ACTION to the
 * webhook for every lead of the owner and lead type (and form, when one is named). Since 2026-03-16 only
 * validated webhooks receive them: the CRM Webhook Trigger answers LinkedIn's challenge.
 */
import { CRMUnexpectedResponseError } from '../../core/errors';
import type { LinkedInApi } from './api';
import { LINKEDIN_PATHS } from './endpoints';
import { checkLeadType, ownerBody, ownerRecord, type LeadOwner, type LeadType } from './owner';
import { restliPages, type PageOptions } from './paging';
import { RestliRecord, type RestliValue } from './restli';
import { invalid, requireText } from './validate';

export interface LeadNotificationInput {
	webhook: string;
	owner: LeadOwner;
	/** Default SPONSORED. */
	leadType?: LeadType;
	/** Only leads of this form version (`urn:li:versionedLeadGenForm:(…)`). */
	versionedForm?: string;
	/** Only leads from this campaign, event or other entity (a URN). */
	associatedEntity?: string;
}

export interface LeadNotification {
	id: string;
	webhook?: string;
	owner?: Record<string, string>;
	leadType?: string;
	versionedForm?: string;
	associatedEntity?: unknown;
}

export async function createNotification(
	api: LinkedInApi,
	input: LeadNotificationInput,
): Promise<LeadNotification> {
	const webhook = requireText(input.webhook, 'webhook');
	if (!/^https?:\/\/\S+$/i.test(webhook))
		throw invalid('webhook', 'must be an absolute http(s) URL (LinkedIn delivers to HTTPS only)');
	const body = {
		webhook,
		owner: ownerBody(input.owner),
		leadType: checkLeadType(input.leadType ?? 'SPONSORED'),
		...(input.versionedForm?.trim() ? { versionedForm: input.versionedForm.trim() } : {}),
		...(input.associatedEntity?.trim() ? { associatedEntity: input.associatedEntity.trim() } : {}),
	};
	const response = await api.request({
		method: 'POST',
		path: LINKEDIN_PATHS.leadNotifications,
		body,
		// A lost answer may have left a subscription behind; a second one would deliver every lead twice.
		idempotent: false,
		expect: 'none',
	});
	const id = response.headers['x-restli-id'];
	if (!id) {
		throw new CRMUnexpectedResponseError(
			`LinkedIn answered HTTP ${response.status} to a lead notification without its id (x-restli-id)`,
			{
				platform: 'linkedin',
				httpStatus: response.status,
				code: 'UNEXPECTED_RESPONSE',
			},
		);
	}
	return { id, ...body };
}

export function listNotifications(
	api: LinkedInApi,
	owner: LeadOwner,
	leadType?: LeadType,
	options: PageOptions = {},
): AsyncGenerator<LeadNotification[]> {
	const params: Array<[string, RestliValue]> = [
		['q', 'criteria'],
		['owner', ownerRecord(owner)],
		['leadType', leadType ? new RestliRecord({ leadType: checkLeadType(leadType) }) : undefined],
	];
	return mapPages(
		restliPages<LeadNotification & { id: string | number }>(
			api,
			LINKEDIN_PATHS.leadNotifications,
			params,
			options,
		),
	);
}

export async function deleteNotification(api: LinkedInApi, id: string): Promise<void> {
	const key = requireText(id, 'notificationId');
	await api.request({ method: 'DELETE', path: LINKEDIN_PATHS.leadNotification(key), expect: 'none' });
}

async function* mapPages(
	pages: AsyncGenerator<Array<LeadNotification & { id: string | number }>>,
): AsyncGenerator<LeadNotification[]> {
	for await (const page of pages) yield page.map((entry) => ({ ...entry, id: String(entry.id) }));
}
