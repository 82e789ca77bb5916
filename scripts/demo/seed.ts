/**
 * The demo data, put into a running sandbox through its control API (so no request is logged and no limit
 * applies). Deterministic: a fixed seed picks everything, and the people come from the sandbox's own
 * built-in Apollo directory (300 people at 30 companies), so the three platforms overlap the way a real
 * stack does:
 * - HubSpot holds most directory people with gaps (few job titles and phones, no LinkedIn URLs), plus
 *   people at small companies Apollo does not know; enrichment has something to fill, and sometimes nothing.
 * - Apollo's contacts (the user's own Apollo CRM) share some emails with HubSpot, carrying the fields
 *   HubSpot lacks and a few newer job titles; the rest are people HubSpot never saw.
 * - LinkedIn Lead Gen has the sandbox's three forms with generated leads, plus leads from people HubSpot
 *   already has (an upsert updates them) and from directory people it does not (an upsert creates them).
 * Dates are relative to now, so "changed since" filters and LinkedIn's 365-day retention behave as live.
 */
import type { SandboxClient } from '../../test/e2e/lib/sandbox';
import {
	FIRST_NAMES,
	HUBSPOT_ONLY_COMPANIES,
	LAST_NAMES,
	LIFECYCLE_WEIGHTS,
	SMALL_COMPANY_TITLES,
} from './seed-data';

/** How much of each the demo seeds; start:check compares the sandbox with these. */
export const DEMO_SEED = {
	/** Directory people put into HubSpot, and people at HubSpot-only companies. */
	hubspotFromDirectory: 200,
	hubspotOnlyPerCompany: 5,
	/** Apollo contacts sharing an email with HubSpot, and Apollo contacts HubSpot lacks. */
	apolloShared: 90,
	apolloOnly: 40,
	/** Leads the LinkedIn sandbox generates, plus leads from people HubSpot has / does not have. */
	linkedinGenerated: 80,
	linkedinKnown: 20,
	linkedinNew: 20,
	seed: 20261130,
	/** The sandbox's own Apollo directory (sandbox/README.md, "Apollo"): the demo adds no people. */
	builtInApolloPeople: 300,
} as const;

/** The sandbox's built-in LinkedIn lead forms (sandbox/linkedin/seed.ts). */
const LEAD_FORMS = [7001, 7002, 7003];

export interface DemoSeedCounts {
	hubspotContacts: number;
	apolloPeople: number;
	apolloContacts: number;
	linkedinForms: number;
	linkedinLeads: number;
}

interface Person {
	first_name: string;
	last_name: string;
	title?: string;
	email: string;
	mobile_phone?: string;
	linkedin_url?: string;
	city?: string;
	country?: string;
	organization_id?: string;
}

interface Organization {
	id: string;
	name: string;
	primary_domain: string;
	website_url?: string;
	phone?: string;
}

const DAY_MS = 86_400_000;

/** mulberry32: a tiny seeded generator, so the same seed gives the same demo on every machine. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function shuffled<T>(items: T[], rnd: () => number): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rnd() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

function weighted(weights: Array<[string, number]>, rnd: () => number): string {
	const total = weights.reduce((sum, [, w]) => sum + w, 0);
	let pick = rnd() * total;
	for (const [value, weight] of weights) {
		pick -= weight;
		if (pick < 0) return value;
	}
	return weights[weights.length - 1][0];
}

/** Created up to 18 months ago, last modified somewhere between then and now. */
function dates(rnd: () => number, now: number): { created: number; modified: number } {
	const created = now - Math.floor((1 + rnd() * 540) * DAY_MS);
	return { created, modified: created + Math.floor(rnd() * (now - created)) };
}

function withoutEmpty(record: Record<string, string | undefined>): Record<string, string> {
	return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== '')) as Record<
		string,
		string
	>;
}

function hubspotFromPerson(person: Person, org: Organization | undefined, rnd: () => number) {
	// Drawn in a fixed order so each gap is independent of the others.
	const hasTitle = rnd() < 0.4;
	const hasPhone = rnd() < 0.25;
	const hasCity = rnd() < 0.85;
	return withoutEmpty({
		email: person.email,
		firstname: person.first_name,
		lastname: person.last_name,
		company: org?.name,
		website: org?.website_url,
		jobtitle: hasTitle ? person.title : undefined,
		phone: hasPhone ? (person.mobile_phone ?? org?.phone) : undefined,
		city: hasCity ? person.city : undefined,
		country: person.country,
		lifecyclestage: weighted(LIFECYCLE_WEIGHTS, rnd),
	});
}

function hubspotOnlyContacts(rnd: () => number): Array<Record<string, string>> {
	const contacts: Array<Record<string, string>> = [];
	HUBSPOT_ONLY_COMPANIES.forEach(([company, domain, city, country, phonePrefix], c) => {
		const used = new Set<string>();
		while (used.size < DEMO_SEED.hubspotOnlyPerCompany) {
			const first = FIRST_NAMES[Math.floor(rnd() * FIRST_NAMES.length)];
			const last = LAST_NAMES[Math.floor(rnd() * LAST_NAMES.length)];
			const email = `${first}.${last}@${domain}`.toLowerCase();
			if (used.has(email)) continue;
			used.add(email);
			const title = SMALL_COMPANY_TITLES[Math.floor(rnd() * SMALL_COMPANY_TITLES.length)];
			contacts.push(
				withoutEmpty({
					email,
					firstname: first,
					lastname: last === 'OBrien' ? "O'Brien" : last,
					company,
					website: `https://${domain}`,
					jobtitle: title,
					phone: rnd() < 0.6 ? `${phonePrefix}${String(1000 + c * 10 + used.size).slice(-4)}` : undefined,
					city,
					country,
					lifecyclestage: weighted(LIFECYCLE_WEIGHTS, rnd),
				}),
			);
		}
	});
	return contacts;
}

function apolloContact(person: Person, org: Organization | undefined, title: string | undefined, at: number) {
	return {
		...withoutEmpty({
			first_name: person.first_name,
			last_name: person.last_name,
			email: person.email,
			title,
			organization_name: org?.name,
			website_url: org?.website_url,
			linkedin_url: person.linkedin_url,
			mobile_phone: person.mobile_phone,
			corporate_phone: org?.phone,
			present_raw_address: [person.city, person.country].filter(Boolean).join(', '),
		}),
		created_at: at,
		updated_at: at,
	};
}

/** The title someone was promoted to since HubSpot last heard of them: a field where the two disagree. */
function promoted(title: string | undefined): string | undefined {
	if (!title) return title;
	if (/^(Chief|VP|Head|Director)/.test(title)) return title;
	return `Senior ${title}`;
}

export async function countSandbox(sandbox: SandboxClient): Promise<DemoSeedCounts> {
	const count = async (path: string) => (await sandbox.control<{ count: number }>('GET', path)).count;
	const linkedin = await sandbox.control<{ forms: unknown[]; responses: unknown[] }>(
		'GET',
		'/__sandbox/linkedin/data',
	);
	return {
		hubspotContacts: await count('/__sandbox/hubspot/contacts'),
		apolloPeople: await count('/__sandbox/apollo/people'),
		apolloContacts: await count('/__sandbox/apollo/contacts'),
		linkedinForms: linkedin.forms.length,
		linkedinLeads: linkedin.responses.length,
	};
}

/** What a sandbox holds after seedDemo: the built-in directory and forms plus what the demo adds. */
export function expectedCounts(): DemoSeedCounts {
	return {
		hubspotContacts:
			DEMO_SEED.hubspotFromDirectory + DEMO_SEED.hubspotOnlyPerCompany * HUBSPOT_ONLY_COMPANIES.length,
		apolloPeople: DEMO_SEED.builtInApolloPeople,
		apolloContacts: DEMO_SEED.apolloShared + DEMO_SEED.apolloOnly,
		linkedinForms: LEAD_FORMS.length,
		linkedinLeads: DEMO_SEED.linkedinGenerated + DEMO_SEED.linkedinKnown + DEMO_SEED.linkedinNew,
	};
}

/** Resets the sandbox to its built-in state and seeds the demo on top. */
export async function seedDemo(sandbox: SandboxClient, now = Date.now()): Promise<DemoSeedCounts> {
	await sandbox.reset();
	const rnd = random(DEMO_SEED.seed);
	const [{ results: directory }, { results: orgs }] = await Promise.all([
		sandbox.control<{ results: Person[] }>('GET', '/__sandbox/apollo/people'),
		sandbox.control<{ results: Organization[] }>('GET', '/__sandbox/apollo/organizations'),
	]);
	const needed = DEMO_SEED.hubspotFromDirectory + DEMO_SEED.apolloOnly + DEMO_SEED.linkedinNew;
	if (directory.length < needed) {
		throw new Error(
			`the sandbox's Apollo directory has ${directory.length} people; the demo needs ${needed}`,
		);
	}
	const orgById = new Map(orgs.map((o) => [o.id, o]));
	const orgOf = (p: Person) => (p.organization_id ? orgById.get(p.organization_id) : undefined);
	const people = shuffled(directory, rnd);
	const inHubspot = people.slice(0, DEMO_SEED.hubspotFromDirectory);
	const notInHubspot = people.slice(DEMO_SEED.hubspotFromDirectory);

	const hubspot = [
		...inHubspot.map((p) => hubspotFromPerson(p, orgOf(p), rnd)),
		...hubspotOnlyContacts(rnd),
	].map((properties) => {
		const { created, modified } = dates(rnd, now);
		return { properties, createdate: created, lastmodifieddate: modified };
	});
	await sandbox.seedHubspotContacts(hubspot);

	const shared = inHubspot.slice(0, DEMO_SEED.apolloShared).map((p, i) => {
		const at = dates(rnd, now).modified;
		return apolloContact(p, orgOf(p), i % 10 === 3 ? promoted(p.title) : p.title, at);
	});
	const apolloOnly = notInHubspot
		.slice(0, DEMO_SEED.apolloOnly)
		.map((p) => apolloContact(p, orgOf(p), p.title, dates(rnd, now).modified));
	await sandbox.control('POST', '/__sandbox/apollo/contacts', { contacts: [...shared, ...apolloOnly] });

	await sandbox.control('POST', '/__sandbox/linkedin/seed', { responses: DEMO_SEED.linkedinGenerated });
	const leadPeople = [
		// People HubSpot has but Apollo's contacts do not: the lead example writes to both.
		...inHubspot.slice(DEMO_SEED.apolloShared, DEMO_SEED.apolloShared + DEMO_SEED.linkedinKnown),
		...notInHubspot.slice(DEMO_SEED.apolloOnly, DEMO_SEED.apolloOnly + DEMO_SEED.linkedinNew),
	];
	for (const [i, p] of leadPeople.entries()) {
		const org = orgOf(p);
		const formId = LEAD_FORMS[i % LEAD_FORMS.length];
		await sandbox.control('POST', '/__sandbox/linkedin/leads', {
			formId,
			notify: false,
			submittedAt: now - Math.floor((0.5 + rnd() * 45) * DAY_MS),
			answers: withoutEmpty({
				firstName: p.first_name,
				lastName: p.last_name,
				email: p.email,
				company: org?.name,
				title: p.title,
				// Only the demo-request form asks for a phone number.
				phone: formId === 7001 ? (p.mobile_phone ?? org?.phone) : undefined,
			}),
		});
	}
	return countSandbox(sandbox);
}
