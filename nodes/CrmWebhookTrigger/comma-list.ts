/** `'email, lifecyclestage'` → `['email', 'lifecyclestage']`: how the node's list fields are typed in. */
export function commaList(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}
