/** The one Apollo field table, read in both directions, and the credential's shape. */
import { CrmApolloApi } from '../../credentials/CrmApolloApi.credentials';
import { Contact } from '../../src/core/models';
import {
	APOLLO_CONTACT_FIELDS,
	fromApolloContact,
	fromPerson,
	toContactAttributes,
	toMatchParameters,
} from '../../src/providers/apollo/mapping';
import { apolloContact, apolloPerson } from '../helpers/apollo-fixtures';

describe('Apollo mapping', () => {
	it('a person → a unified Contact (ids.apollo, title, company, domain, location, LinkedIn, phone)', () => {
		const contact = fromPerson(
			apolloPerson(1, {
				phone_numbers: [{ raw_number: '+1 415-555-0101', sanitized_number: '+14155550101' }],
			}),
		);
		expect(contact).toMatchObject({
			id: 'p000001',
			ids: { apollo: 'p000001' },
			email: 'person1@acme.example',
			firstName: 'First1',
			lastName: 'Last1',
			title: 'Engineer',
			company: 'Acme Corp',
			domain: 'acme.example',
			phone: '+14155550101',
			linkedinUrl: 'https://www.linkedin.com/in/person-1',
			location: { city: 'Austin', state: 'Texas', country: 'United States' },
		});
		expect(contact.properties.organization).toEqual(expect.objectContaining({ id: 'o1' }));
		expect(() => Contact.parse(contact)).not.toThrow();
	});

	it('a contact record → Contact, its website read as a domain, nulls as absent', () => {
		const contact = fromApolloContact(
			apolloContact('c1', {
				first_name: 'Ann',
				website_url: 'https://www.Acme.example/team',
				direct_phone: '+1 555',
				organization_name: 'Acme',
			}),
		);
		expect(contact).toEqual(
			expect.objectContaining({
				id: 'c1',
				firstName: 'Ann',
				domain: 'acme.example',
				phone: '+1 555',
				company: 'Acme',
				createdAt: '2026-11-01T10:00:00.000Z',
			}),
		);
		expect(contact).not.toHaveProperty('lastName', expect.anything());
	});

	it('Contact → contact attributes, from the same table; read-only and person-only fields are not written', () => {
		expect(
			toContactAttributes({
				email: ' Ann@Acme.Example ',
				firstName: 'Ann',
				company: 'Acme',
				title: 'CEO',
				phone: '+1 555',
				domain: 'acme.example',
				linkedinUrl: 'https://linkedin.com/in/ann',
				location: { city: 'Austin' },
				createdAt: '2026-01-01T00:00:00Z',
				properties: { label_names: ['vip'], contact_stage_id: null },
			}),
		).toEqual({
			email: 'ann@acme.example',
			first_name: 'Ann',
			organization_name: 'Acme',
			title: 'CEO',
			direct_phone: '+1 555',
			website_url: 'acme.example',
			linkedin_url: 'https://linkedin.com/in/ann',
			label_names: '["vip"]',
			contact_stage_id: '',
		});
	});

	it('every written contact attribute reads back to the same field', () => {
		const input = {
			email: 'a@b.example',
			firstName: 'A',
			lastName: 'B',
			company: 'C',
			title: 'T',
			phone: '1',
			linkedinUrl: 'https://linkedin.com/in/a',
			domain: 'b.example',
		};
		const back = fromApolloContact({ id: 'x', ...toContactAttributes(input) });
		for (const [field, value] of Object.entries(input)) expect(back[field as keyof typeof back]).toBe(value);
		expect(
			APOLLO_CONTACT_FIELDS.filter((f) => f.contact && !f.readOnly)
				.map((f) => f.field)
				.sort(),
		).toEqual(Object.keys(input).sort());
	});

	it('Contact → people/match parameters: identifying fields only, with the Apollo id', () => {
		expect(
			toMatchParameters({
				email: 'a@b.example',
				firstName: 'A',
				title: 'CEO',
				domain: 'b.example',
				ids: { apollo: 'p1' },
			}),
		).toEqual({
			email: 'a@b.example',
			first_name: 'A',
			domain: 'b.example',
			id: 'p1',
		});
	});
});

describe('Apollo API credential', () => {
	const credential = new CrmApolloApi();

	it('sends the key as x-api-key, never in the query, and hides it in the editor', () => {
		expect(credential.name).toBe('crmApolloApi');
		expect(credential.displayName).toBe('Apollo API');
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { 'x-api-key': '={{$credentials.apiKey}}' } },
		});
		expect(JSON.stringify(credential.authenticate)).not.toMatch(/qs|api_key/);
		const key = credential.properties.find((p) => p.name === 'apiKey');
		expect(key?.typeOptions?.password).toBe(true);
		expect(credential.properties.find((p) => p.name === 'baseUrl')?.default).toBe(
			'https://api.apollo.io/api/v1',
		);
	});

	it('tests the key with auth/health and fails on is_logged_in false', () => {
		expect(credential.test.request).toEqual({ baseURL: '={{$credentials.baseUrl}}', url: '/auth/health' });
		expect(credential.test.rules).toEqual([
			expect.objectContaining({
				type: 'responseSuccessBody',
				properties: expect.objectContaining({ key: 'is_logged_in', value: false }),
			}),
		]);
	});
});
