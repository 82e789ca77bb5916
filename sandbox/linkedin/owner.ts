/** Reads the Lead Sync `owner` finder parameter and checks the member may use it. */
import { ReplyError, type SandboxRequest } from '../http';
import type { Caller } from './auth';
import { badRequest, linkedInError } from './errors';
import { recordParam } from './restli';
import type { Owner, World } from './world';

/** `owner=(sponsoredAccount:urn:li:sponsoredAccount:1)` or `(organization:urn:li:organization:1)`; throws a reply. */
export function ownerParam(request: SandboxRequest, world: World, caller: Caller, resource: string): Owner {
	const record = recordParam(request, 'owner');
	if (!record) throw new ReplyError(badRequest('Query parameter owner is required'));
	return checkOwner(toOwner(record), world, caller, resource);
}

export function toOwner(record: Record<string, unknown>): Owner {
	const keys = Object.keys(record);
	const value = record[keys[0]];
	if (keys.length === 1 && typeof value === 'string') {
		if (keys[0] === 'sponsoredAccount' && value.startsWith('urn:li:sponsoredAccount:'))
			return { sponsoredAccount: value };
		if (keys[0] === 'organization' && value.startsWith('urn:li:organization:'))
			return { organization: value };
	}
	throw new ReplyError(
		badRequest(
			'owner must be (sponsoredAccount:urn:li:sponsoredAccount:{id}) or (organization:urn:li:organization:{id})',
		),
	);
}

export function checkOwner(owner: Owner, world: World, caller: Caller, resource: string): Owner {
	const access = world.canAccessOwner(caller.member, owner);
	const urn = 'sponsoredAccount' in owner ? owner.sponsoredAccount : owner.organization;
	if (access === 'unknown') throw new ReplyError(linkedInError(404, 'NOT_FOUND', `Owner ${urn} not found`));
	if (access === 'no-role') {
		throw new ReplyError(
			linkedInError(
				403,
				'ACCESS_DENIED',
				`Not enough permissions to access: ${resource}. The member has no role on ${urn}.`,
			),
		);
	}
	return owner;
}
