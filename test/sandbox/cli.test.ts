import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');

describe('sandbox CLI', () => {
	it('prints one JSON line with the URL, applies flags, and exits 0 on SIGTERM', async () => {
		const child = spawn(
			join(ROOT, 'node_modules', '.bin', 'tsx'),
			['sandbox/cli.ts', '--port', '0', '--host', '127.0.0.1', '--rate-max', '7'],
			{
				cwd: ROOT,
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		try {
			const lines = createInterface({ input: child.stdout });
			const [line] = (await once(lines, 'line')) as [string];
			const { url } = JSON.parse(line) as { url: string };
			expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			const response = await fetch(`${url}/hubspot/crm/v3/objects/contacts`, {
				headers: { authorization: 'Bearer sandbox-hubspot-token' },
			});
			expect(response.status).toBe(200);
			expect(response.headers.get('x-hubspot-ratelimit-max')).toBe('7');
			const exited = once(child, 'exit');
			child.kill('SIGTERM');
			const [code] = (await exited) as [number | null];
			expect(code).toBe(0);
		} finally {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		}
	}, 15_000);
});
