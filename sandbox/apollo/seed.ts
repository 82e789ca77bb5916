/**
 * Seeding people, organizations and contacts for tests and demos: bypasses auth, limits and credits.
 * People may name their company by `domain` (created if unknown, with `organization_name` as its name)
 * or by `organization_id`. All or nothing: a bad item rejects the whole call.
 */
import { isRecord, ReplyError } from '../http';
import { contactWrite } from './contact-write';
import type { ContactStore } from './contacts';
import type { OrganizationDirectory, OrganizationInput, OrganizationRecord } from './organizations';
import type { PeopleDirectory, PersonInput, PersonRecord } from './people';

export class SeedError extends Error {}

function list(input: unknown, key: string): unknown[] {
	const items = isRecord(input) && Array.isArray(input[key]) ? input[key] : input;
	if (!Array.isArray(items)) throw new SeedError(`expected an array of ${key} or {${key}:[...]}`);
	return items;
}

function optionalString(item: Record<string, unknown>, name: string, where: string): string | undefined {
	const value = item[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw new SeedError(`${where}.${name} must be a string`);
	return value;
}

export function seedOrganizations(directory: OrganizationDirectory, input: unknown): OrganizationRecord[] {
	const items = list(input, 'organizations').map((item, index) => {
		const where = `organizations[${index}]`;
		if (!isRecord(item)) throw new SeedError(`${where} must be an object`);
		const domain = optionalString(item, 'primary_domain', where) ?? optionalString(item, 'domain', where);
		const name = optionalString(item, 'name', where);
		if (!domain || !name) throw new SeedError(`${where} needs name and primary_domain (or domain)`);
		const { domain: _domain, ...rest } = item;
		return { ...rest, name, primary_domain: domain } as OrganizationInput;
	});
	return items.map((item) => directory.add(item));
}

export function seedPeople(
	people: PeopleDirectory,
	organizations: OrganizationDirectory,
	input: unknown,
): PersonRecord[] {
	const items = list(input, 'people').map((item, index): PersonInput & { domain?: string } => {
		const where = `people[${index}]`;
		if (!isRecord(item)) throw new SeedError(`${where} must be an object`);
		const first = optionalString(item, 'first_name', where);
		const last = optionalString(item, 'last_name', where);
		if (!first || !last) throw new SeedError(`${where} needs first_name and last_name`);
		const personal = item.personal_emails;
		if (
			personal !== undefined &&
			!(Array.isArray(personal) && personal.every((entry) => typeof entry === 'string'))
		) {
			throw new SeedError(`${where}.personal_emails must be an array of strings`);
		}
		for (const name of [
			'id',
			'email',
			'title',
			'mobile_phone',
			'linkedin_url',
			'city',
			'state',
			'country',
			'organization_id',
			'domain',
			'organization_name',
		]) {
			optionalString(item, name, where);
		}
		if (item.organization_id !== undefined && !organizations.byId(String(item.organization_id))) {
			throw new SeedError(
				`${where}.organization_id ${String(item.organization_id)} is not a seeded organization`,
			);
		}
		return item as PersonInput & { domain?: string };
	});
	return items.map((item) => {
		const {
			domain,
			organization_name: organizationName,
			...person
		} = item as PersonInput & {
			domain?: string;
			organization_name?: string;
		};
		let organizationId = person.organization_id;
		if (organizationId === undefined && domain) {
			const organization =
				organizations.byDomain(domain) ??
				organizations.add({ name: organizationName ?? domain, primary_domain: domain });
			organizationId = organization.id;
		} else if (organizationId === undefined && organizationName) {
			organizationId = organizations.byName(organizationName)?.id;
		}
		return people.add({
			...person,
			...(organizationId === undefined ? {} : { organization_id: organizationId }),
		});
	});
}

export function seedContacts(store: ContactStore, input: unknown, now: number): string[] {
	const items = list(input, 'contacts').map((item, index) => {
		const where = `contacts[${index}]`;
		try {
			const write = contactWrite(item, where);
			const record = item as Record<string, unknown>;
			return {
				write,
				id: optionalString(record, 'id', where),
				createdAt: timestamp(record.created_at, `${where}.created_at`),
				updatedAt: timestamp(record.updated_at, `${where}.updated_at`),
			};
		} catch (error) {
			if (error instanceof ReplyError) {
				throw new SeedError(String((error.reply.body as { error?: string }).error ?? 'invalid contact'));
			}
			throw error;
		}
	});
	return items.map(({ write, id, createdAt, updatedAt }) => {
		const record = store.create(write, createdAt ?? updatedAt ?? now, id);
		record.updated_at = updatedAt ?? record.created_at;
		return record.id;
	});
}

function timestamp(value: unknown, where: string): number | undefined {
	if (value === undefined || value === null) return undefined;
	const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
	if (!Number.isFinite(ms)) throw new SeedError(`${where} must be epoch milliseconds or an ISO date`);
	return ms;
}
