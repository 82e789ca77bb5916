import { parseRecord } from '../../sandbox/linkedin/restli';

describe('LinkedIn sandbox: Rest.li 2.0 record values', () => {
	it('reads records whose values are URNs (colons stay in the value)', () => {
		expect(parseRecord('(sponsoredAccount:urn:li:sponsoredAccount:5100001)')).toEqual({
			sponsoredAccount: 'urn:li:sponsoredAccount:5100001',
		});
		expect(parseRecord('(start:1700000000000,end:1700000001000)')).toEqual({
			start: '1700000000000',
			end: '1700000001000',
		});
		expect(parseRecord('()')).toEqual({});
	});

	it('keeps a value’s own balanced parentheses and commas together', () => {
		expect(
			parseRecord('(form:urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7002,2),leadType:SPONSORED)'),
		).toEqual({
			form: 'urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7002,2)',
			leadType: 'SPONSORED',
		});
	});

	it('refuses what is not a record', () => {
		for (const text of [
			'urn:li:sponsoredAccount:1',
			'(noColon)',
			'(a:b',
			'(a:(b)',
			'(a:b))',
			'(:b)',
			'(a:b,)',
		]) {
			expect([text, parseRecord(text)]).toEqual([text, undefined]);
		}
	});
});
