/**
 * LinkedIn requests as the adapter's modules make them: every `/rest/*` call carries `LinkedIn-Version`
 * and `X-Restli-Protocol-Version: 2.0.0` (without the latter LinkedIn reads Rest.li query values the 1.0
 * way), and each resource gets its own rate bucket, because LinkedIn's daily quotas are per resource.
 */
import type { HttpClient, HttpResponse, RequestSpec } from '../../core/http';
import { isVersioned } from './endpoints';

export class LinkedInApi {
	constructor(
		readonly http: HttpClient,
		readonly version: string,
	) {}

	request(spec: RequestSpec): Promise<HttpResponse> {
		const path = spec.path.split('?')[0];
		const headers = isVersioned(path)
			? { 'LinkedIn-Version': this.version, 'X-Restli-Protocol-Version': '2.0.0', ...spec.headers }
			: spec.headers;
		return this.http.request({ ...spec, headers, bucket: spec.bucket ?? bucketOf(spec.method, path) });
	}
}

/**
 * `GET /rest/leadFormResponses/123` → `GET /rest/leadFormResponses/{id}`: the method and resource LinkedIn
 * counts calls against (a list and a read by id have separate quotas).
 */
function bucketOf(method: string, path: string): string {
	const segments = path.split('/').filter(Boolean);
	return `${method} /${[...segments.slice(0, 2), ...segments.slice(2).map(() => '{id}')].join('/')}`;
}
