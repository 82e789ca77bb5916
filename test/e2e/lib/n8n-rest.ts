/**
 * n8n's internal REST API, for what its CLI cannot do while n8n runs: deactivating (unpublishing) a
 * workflow, which is what makes n8n call a trigger's webhookMethods.delete. The REST API needs a
 * session, and the harness's fresh instance has no user yet, so the first call claims ownership
 * (`POST /rest/owner/setup`, open until an owner exists) and keeps the cookie it answers with.
 */
import { randomBytes } from 'node:crypto';

// n8n binds its auth cookie to this header; any value works if every call sends the same one.
const BROWSER_ID = 'crm-bridge-e2e';

export class N8nRest {
	private session?: Promise<string>;

	constructor(readonly baseUrl: string) {}

	/** Resolves once n8n has accepted the deactivation; removing the trigger's webhooks may finish later. */
	async deactivateWorkflow(workflowId: string): Promise<void> {
		await this.call('POST', `/rest/workflows/${encodeURIComponent(workflowId)}/deactivate`, {});
	}

	private async call(method: string, path: string, body?: unknown): Promise<unknown> {
		const cookie = await this.login();
		const res = await this.send(method, path, body, cookie);
		const text = await res.text();
		if (!res.ok) throw new Error(`n8n ${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
		return text ? (JSON.parse(text) as unknown) : undefined;
	}

	private login(): Promise<string> {
		this.session ??= this.setupOwner();
		return this.session;
	}

	private async setupOwner(): Promise<string> {
		const res = await this.send('POST', '/rest/owner/setup', {
			email: 'e2e-owner@crm-bridge.example',
			firstName: 'E2E',
			lastName: 'Owner',
			// n8n wants a digit and an upper-case letter; fresh each run, nothing reuses it.
			password: `E2e-${randomBytes(12).toString('hex')}`,
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`n8n owner setup answered ${res.status}: ${text.slice(0, 500)}`);
		const cookie = res.headers
			.getSetCookie()
			.map((line) => line.split(';')[0])
			.find((pair) => pair.startsWith('n8n-auth='));
		if (!cookie) throw new Error('n8n owner setup set no n8n-auth cookie');
		return cookie;
	}

	private send(method: string, path: string, body: unknown, cookie?: string): Promise<Response> {
		return fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': BROWSER_ID,
				...(cookie ? { cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(30_000),
		});
	}
}
