/**
 * Before B1's runs, proves the set-up with n8n's own Node and exactly n8n's environment (preload, CA):
 * a request to https://api.hubapi.com must reach the sandbox with the certificate verified (the sandbox
 * answers 401 to a call without a token), and a request to any other host must be refused by the preload
 * before a byte leaves the machine.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const SCRIPT = `
const https = require('node:https');
const get = (url) => new Promise((done) => {
	const req = https.get(url, (res) => { res.resume(); res.on('end', () => done('HTTP ' + res.statusCode)); });
	req.on('error', (error) => done('error ' + (error.code || '') + ' ' + error.message));
});
(async () => {
	const hubspot = await get('https://api.hubapi.com/crm/v3/properties/contacts');
	const outside = await get('https://example.com/');
	process.stdout.write(JSON.stringify({ hubspot, outside }));
})();
`;

export interface SelfTest {
	hubspot: string;
	outside: string;
}

/** Asynchronous: the proxy and the sandbox it must reach run in this process's event loop. */
export async function selfTest(nodeBin: string, env: NodeJS.ProcessEnv): Promise<SelfTest> {
	const { stdout } = await promisify(execFile)(nodeBin, ['-e', SCRIPT], { env, timeout: 30_000 });
	const result = JSON.parse(stdout) as SelfTest;
	if (result.hubspot !== 'HTTP 401')
		throw new Error(
			`B1 self-test: api.hubapi.com did not reach the sandbox over verified TLS: ${result.hubspot}`,
		);
	if (!/^error .*B1 preload: .*refused/.test(result.outside))
		throw new Error(
			`B1 self-test: a request to example.com was not refused by the preload: ${result.outside}`,
		);
	return result;
}
