/**
 * Which bulk_match answer belongs to which input. Apollo answers `matches` in input order with null for
 * no match; an answer of another length (partial, or no-matches left out) cannot be read by position,
 * so each returned person is then paired by what identifies it: id, email, LinkedIn URL, name + company.
 */
type Json = Record<string, unknown>;

export function pairPeople(
	details: Array<Record<string, string>>,
	matches: unknown[],
): Array<Json | undefined> {
	if (matches.length === details.length) return matches.map((m) => (isObject(m) ? m : undefined));
	const paired: Array<Json | undefined> = new Array(details.length).fill(undefined);
	for (const person of matches.filter(isObject)) {
		const index = details.findIndex((d, i) => paired[i] === undefined && samePerson(d, person));
		if (index >= 0) paired[index] = person;
	}
	return paired;
}

function samePerson(details: Record<string, string>, person: Json): boolean {
	if (details.id) return details.id === text(person.id);
	if (details.email) return same(details.email, person.email);
	if (details.linkedin_url) return profile(details.linkedin_url) === profile(text(person.linkedin_url) ?? '');
	const organization = isObject(person.organization) ? person.organization : {};
	const company =
		(details.domain && same(details.domain, organization.primary_domain)) ||
		(details.organization_name && same(details.organization_name, organization.name));
	return (
		!!company && same(details.first_name, person.first_name) && same(details.last_name, person.last_name)
	);
}

function same(a: string | undefined, b: unknown): boolean {
	return typeof b === 'string' && (a ?? '').trim().toLowerCase() === b.trim().toLowerCase();
}

/** `https://www.linkedin.com/in/ada/` and `linkedin.com/in/ada` are the same profile. */
function profile(url: string): string {
	return url
		.trim()
		.toLowerCase()
		.replace(/^https?:\/\//, '')
		.replace(/^www\./, '')
		.replace(/\/+$/, '');
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
