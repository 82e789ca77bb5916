/**
 * `POST /mixed_people/api_search`: the free people search. It costs no credits and never shows emails or
 * phones (enrich the ids it returns for those); paging stops at page 500 of at most 100.
 */
import { json, type Reply, type SandboxRequest } from '../http';
import { normalizeDomain } from './organizations';
import { paginate, paging, params, text, textList } from './request';
import { searchPersonJson } from './serialize';
import type { ApolloState } from './state';

export function searchPeople(request: SandboxRequest, state: ApolloState): Reply {
	const input = params(request);
	const page = paging(input);
	const words = (text(input.q_keywords) ?? '').toLowerCase().split(/\s+/).filter(Boolean);
	const titles = textList(input.person_titles).map((title) => title.toLowerCase());
	const domains = [
		...textList(input.organization_domains),
		...textList(input.q_organization_domains_list),
	].map(normalizeDomain);
	const wantedOrganizations = new Set(
		domains.map((domain) => state.organizations.byDomain(domain)?.id).filter((id) => id !== undefined),
	);
	const matches = state.people.all().filter((person) => {
		const organization = person.organization_id
			? state.organizations.byId(person.organization_id)
			: undefined;
		if (domains.length > 0 && !(person.organization_id && wantedOrganizations.has(person.organization_id)))
			return false;
		if (titles.length > 0 && !titles.some((title) => person.title.toLowerCase().includes(title)))
			return false;
		const haystack = [person.first_name, person.last_name, person.title, organization?.name ?? '']
			.join(' ')
			.toLowerCase();
		return words.every((word) => haystack.includes(word));
	});
	const { items, pagination } = paginate(matches, page);
	return json(200, {
		total_entries: pagination.total_entries,
		people: items.map((person) => searchPersonJson(person, state.organizations)),
		pagination,
	});
}
