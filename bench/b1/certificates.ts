/**
 * A throw-away certificate authority and a server certificate for api.hubapi.com, made at run time with
 * the openssl CLI into a temp folder, so the loopback TLS proxy can answer for HubSpot's host while n8n
 * keeps verifying certificates (it trusts the CA through NODE_EXTRA_CA_CERTS only). The CA's private key
 * is deleted as soon as the server certificate is signed: nothing else can ever be signed with it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HostCertificate {
	/** PEM of the CA, for NODE_EXTRA_CA_CERTS. */
	caFile: string;
	key: Buffer;
	cert: Buffer;
}

function openssl(args: string[], cwd: string): void {
	try {
		execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
	} catch (error) {
		const detail = (error as { stderr?: Buffer }).stderr?.toString() ?? (error as Error).message;
		throw new Error(
			`openssl ${args[0]} failed (B1 needs the openssl CLI, Debian package "openssl"): ${detail}`,
		);
	}
}

export function makeHostCertificate(dir: string, host: string): HostCertificate {
	const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
	openssl(
		[
			'req',
			'-x509',
			...ec,
			'-keyout',
			'ca.key',
			'-out',
			'ca.pem',
			'-days',
			'2',
			'-subj',
			'/CN=CRM Bridge B1 benchmark CA (temporary)',
			'-addext',
			'basicConstraints=critical,CA:TRUE',
			'-addext',
			'keyUsage=critical,keyCertSign,cRLSign',
		],
		dir,
	);
	openssl(['req', '-new', ...ec, '-keyout', 'host.key', '-out', 'host.csr', '-subj', `/CN=${host}`], dir);
	writeFileSync(
		join(dir, 'host.ext'),
		[
			`subjectAltName=DNS:${host}`,
			'basicConstraints=CA:FALSE',
			'keyUsage=digitalSignature',
			'extendedKeyUsage=serverAuth',
		].join('\n'),
	);
	openssl(
		[
			'x509',
			'-req',
			'-in',
			'host.csr',
			'-CA',
			'ca.pem',
			'-CAkey',
			'ca.key',
			'-CAcreateserial',
			'-out',
			'host.pem',
			'-days',
			'2',
			'-extfile',
			'host.ext',
		],
		dir,
	);
	rmSync(join(dir, 'ca.key'));
	return {
		caFile: join(dir, 'ca.pem'),
		key: readFileSync(join(dir, 'host.key')),
		cert: readFileSync(join(dir, 'host.pem')),
	};
}
