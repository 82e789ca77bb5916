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
		return this.http.request({ ...spec, headers, bucket: spec.bucket ?? bucketOf(path) });
	}
}

/** `/rest/leadFormResponses/123` → `rest/leadFormResponses`: the resource LinkedIn counts calls against. */
function bucketOf(path: string): string {
	return path.split('/').filter(Boolean).slice(0, 2).join('/') || 'default';
}
