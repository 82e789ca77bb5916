import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');

describe('sandbox CLI: LinkedIn flags', () => {
	it('applies token, version window, quota and refresh flags', async () => {
		const child = spawn(
			join(ROOT, 'node_modules', '.bin', 'tsx'),
			[
				'sandbox/cli.ts',
				'--port',
				'0',
				'--linkedin-token',
				'li-cli-token',
				'--linkedin-oldest-version',
				'202401',
				'--linkedin-member-daily',
				'2',
				'--linkedin-programmatic-refresh',
			],
			{ cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		try {
			const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
			const { url } = JSON.parse(line) as { url: string };
			const config = (await (await fetch(`${url}/__sandbox/config`)).json()) as any;
			expect(config.linkedin.versions.oldestActive).toBe('202401');
			expect(config.linkedin.rateLimit.memberDaily).toBe(2);
			expect(config.linkedin.oauth.programmaticRefresh).toBe(true);
			const me = await fetch(`${url}/linkedin/v2/userinfo`, {
				headers: { authorization: 'Bearer li-cli-token' },
			});
			expect(me.status).toBe(200);
			const old = await fetch(`${url}/linkedin/v2/userinfo`, {
				headers: { authorization: 'Bearer sandbox-linkedin-token' },
			});
			expect(old.status).toBe(401);
			const exited = once(child, 'exit');
			child.kill('SIGTERM');
			expect(((await exited) as [number | null])[0]).toBe(0);
		} finally {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		}
	}, 20_000);
});
