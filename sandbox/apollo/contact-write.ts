/** Reading a contact write (create, update, seed) with Apollo-style 422s for values of the wrong type. */
import { isRecord, ReplyError } from '../http';
import { TEXT_FIELDS, type ContactWrite } from './contacts';
import { unprocessable } from './errors';

export function contactWrite(input: unknown, where: string): ContactWrite {
	if (!isRecord(input)) throw new ReplyError(unprocessable(`${where} must be an object`));
	const write: Record<string, unknown> = {};
	for (const field of TEXT_FIELDS) {
		if (!(field in input)) continue;
		const value = input[field];
		if (value !== null && typeof value !== 'string' && typeof value !== 'number') {
			throw new ReplyError(unprocessable(`${where}.${field} must be a string`));
		}
		write[field] = value === null ? null : String(value).trim();
	}
	if ('label_names' in input) {
		const labels = input.label_names;
		if (labels !== null && !(Array.isArray(labels) && labels.every((label) => typeof label === 'string'))) {
			throw new ReplyError(unprocessable(`${where}.label_names must be an array of strings`));
		}
		write.label_names = labels;
	}
	if ('typed_custom_fields' in input) {
		const custom = input.typed_custom_fields;
		if (custom !== null && !isRecord(custom)) {
			throw new ReplyError(unprocessable(`${where}.typed_custom_fields must be an object`));
		}
		write.typed_custom_fields = custom;
	}
	return write as ContactWrite;
}
