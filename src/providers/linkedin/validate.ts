/** Input checks made before any request, so a missing value fails with its field named, not with a 400. */
import { CRMValidationError } from '../../core/errors';

export function invalid(field: string, message: string): CRMValidationError {
	return new CRMValidationError(`${field}: ${message}`, {
		platform: 'linkedin',
		fields: [{ field, message }],
	});
}

export function requireText(value: string | undefined, field: string): string {
	const trimmed = String(value ?? '').trim();
	if (!trimmed) throw invalid(field, 'is required');
	return trimmed;
}
