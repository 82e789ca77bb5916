/**
 * The demo's owner account, so the first visit to the editor is a login rather than n8n's set-up screen.
 * n8n 2.41 claims ownership through `POST /rest/owner/setup` (open only while no owner exists) and signs in
 * through `POST /rest/login`; both answer with the `n8n-auth` cookie. The login is a fixed, printed,
 * local-only demo login: n8n listens on loopback and the user folder holds nothing but sandbox data.
 */

export interface DemoLogin {
	email: string;
	password: string;
}

/** n8n wants 8+ characters with a digit and an upper-case letter. */
export const DEMO_LOGIN: DemoLogin = { email: 'demo@crm-bridge.example', password: 'CrmBridge-demo-1' };

// n8n binds its auth cookie to this header; any value works as long as every call with the cookie sends it.
export const DEMO_BROWSER_ID = 'crm-bridge-demo';

export interface OwnerResult {
	/** False when the instance already had an owner (a later start): nothing was changed. */
	created: boolean;
}

function post(editorUrl: string, path: string, body: unknown): Promise<Response> {
	return fetch(`${editorUrl.replace(/\/$/, '')}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': DEMO_BROWSER_ID },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(30_000),
	});
}

function authCookie(res: Response): string | undefined {
	return res.headers
		.getSetCookie()
		.map((line) => line.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
}

/**
 * Whether n8n would show its owner set-up screen, from the settings it gives anyone before sign-in. n8n
 * answers /healthz before it mounts its REST routes, so a 404 or a text answer right after start means "not yet".
 */
export async function ownerSetUp(editorUrl: string, timeoutMs = 60_000): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const res = await fetch(`${editorUrl.replace(/\/$/, '')}/rest/settings`, {
			signal: AbortSignal.timeout(30_000),
		});
		const text = await res.text();
		let body: { data?: { userManagement?: { showSetupOnFirstLoad?: boolean } } } | undefined;
		try {
			body = JSON.parse(text) as typeof body;
		} catch {
			// "n8n is starting up. Please wait": not JSON, not ready.
		}
		if ((!res.ok || !body) && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 500));
			continue;
		}
		if (!res.ok || !body)
			throw new Error(`n8n GET /rest/settings answered ${res.status}: ${text.slice(0, 100)}`);
		const show = body.data?.userManagement?.showSetupOnFirstLoad;
		if (typeof show !== 'boolean')
			throw new Error('n8n settings carry no userManagement.showSetupOnFirstLoad');
		return !show;
	}
}

/**
 * Claims ownership with `login` on a fresh instance; on one that has an owner already (later starts, where
 * the user may have changed the password) it changes nothing.
 */
export async function createOwner(editorUrl: string, login: DemoLogin = DEMO_LOGIN): Promise<OwnerResult> {
	if (await ownerSetUp(editorUrl)) return { created: false };
	const res = await post(editorUrl, '/rest/owner/setup', {
		email: login.email,
		firstName: 'Demo',
		lastName: 'Owner',
		password: login.password,
	});
	const text = await res.text();
	// Someone (a browser on the set-up screen) won the race: that owner stays.
	if (res.status === 400 && text.includes('already setup')) return { created: false };
	if (!res.ok) throw new Error(`n8n owner set-up answered ${res.status}: ${text.slice(0, 300)}`);
	return { created: true };
}

/**
 * Signs in and returns the `n8n-auth=...` cookie pair. Send it with the header `browser-id: DEMO_BROWSER_ID`
 * (n8n refuses the cookie from another browser id on most routes); a browser given this cookie must also
 * have `localStorage['n8n-browserId'] = DEMO_BROWSER_ID`, which is where the editor reads the header from.
 */
export async function loginCookie(editorUrl: string, login: DemoLogin = DEMO_LOGIN): Promise<string> {
	const res = await post(editorUrl, '/rest/login', {
		emailOrLdapLoginId: login.email,
		password: login.password,
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`n8n login as ${login.email} answered ${res.status}: ${text.slice(0, 300)}`);
	const cookie = authCookie(res);
	if (!cookie) throw new Error('n8n login set no n8n-auth cookie');
	return cookie;
}
