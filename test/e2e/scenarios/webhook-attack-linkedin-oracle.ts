/**
 * Attack (issue 6): the LinkedIn challenge answer as a signing oracle. Before the fix,
 * `GET <url>?challengeCode=X` answered HMAC-SHA256(client secret, X) for any X, and a delivery signed
 * with exactly that MAC over a JSON body was accepted: anyone who knew the URL could start the workflow
 * with a forged lead. Now only UUID-shaped codes are answered; the forged POST gets 401; nothing starts.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { linkedIn, linkedInChallengeResponse, linkedInHeader } from '../../helpers/signers';
import type { CredentialImport, Scenario, ScenarioContext } from '../lib/scenario';
import { executionsSince, expectDelivery, freshSecret, TriggerFlows, type TriggerFlow } from '../lib/trigger';
import { stableId } from '../lib/workflow';

const NAME = 'webhook-attack-linkedin-oracle';
const RUN = Date.now().toString(36);
const SECRET = freshSecret('linkedin-oracle');
const flows = new TriggerFlows(NAME);

const app: CredentialImport = {
	id: stableId(`${NAME}/credential`),
	name: '[e2e] LinkedIn app (oracle attack)',
	type: 'crmLinkedInOAuth2Api',
	data: {
		clientId: 'e2e-linkedin-oracle',
		clientSecret: SECRET,
		apiVersion: '202511',
		baseUrl: 'https://api.linkedin.com',
	},
};

const FLOW: TriggerFlow = {
	key: 'linkedin',
	name: '[e2e] attack: LinkedIn challenge oracle',
	parameters: { platform: 'linkedin', linkedinEvents: ['lead.created', 'lead.deleted'] },
	credentials: [app],
	typeVersion: 1.1,
};

function lead(label: string): string {
	return JSON.stringify({
		type: 'LEAD_ACTION',
		leadGenFormResponse: `urn:li:leadGenFormResponse:e2e-${RUN}-${label}`,
		leadGenForm: 'urn:li:leadGenForm:77',
		leadType: 'SPONSORED',
		leadAction: 'CREATED',
		occurredAt: Date.now(),
	});
}

/**
 * The body-only reading of X-LI-Signature (hex HMAC(secret, body), beside LinkedIn's documented
 * "hmacsha256=" + body) stays: how LinkedIn signs is not settled (see verifyLinkedIn). It is safe once the
 * oracle is closed because the only MACs the trigger still hands out are over UUIDs, and a UUID is neither a
 * JSON object nor text starting with "hmacsha256=". So the POST half of the attack is played with what an
 * attacker can really get from the trigger: nothing for a lead, and the answer to a UUID challenge.
 */
/** What the old oracle handed out for `text`: hex(HMAC-SHA256(client secret, text)). */
const oracleMac = (text: string) => createHmac('sha256', SECRET).update(text).digest('hex');

/** A challenge GET with `code`: its answer, and proof that it started nothing. */
async function challenge(ctx: ScenarioContext, code: string) {
	const before = await ctx.executions.lastExecutionId();
	const response = await ctx.webhook(flows.path('linkedin'), undefined, {
		method: 'GET',
		query: new URLSearchParams({ challengeCode: code, applicationId: '77' }).toString(),
	});
	const started = await executionsSince(ctx, flows.workflowId('linkedin'), before, 0);
	ctx.assert.equal(started.length, 0, 'executions started by the GET');
	return response;
}

const scenario: Scenario = {
	name: NAME,
	description: 'Attack: the LinkedIn challenge GET must not sign attacker-chosen text',
	credentials: () => [app],
	workflows: (ctx) => [flows.workflow(ctx, FLOW)],
	async run(ctx) {
		await ctx.check(
			'GET ?challengeCode=<a JSON lead> gets 400 with no MAC in the answer, nothing starts',
			async () => {
				const forged = lead('asked');
				for (const code of [forged, `hmacsha256=${forged}`]) {
					const response = await challenge(ctx, code);
					ctx.assert.status(response, 400);
					ctx.assert.notIncludes(response.text, oracleMac(code), 'the answer');
				}
			},
		);

		for (const prefixed of [true, false]) {
			await ctx.check(
				`POST of that lead signed with what the GET gave (nothing) or a UUID challenge's answer (header ${prefixed ? 'with' : 'without'} "hmacsha256=") gets 401, nothing starts`,
				async () => {
					const uuid = randomUUID();
					const answered = await challenge(ctx, uuid);
					ctx.assert.status(answered, 200);
					const uuidMac = String((answered.json as { challengeResponse?: unknown }).challengeResponse);
					// Its own lead each time, so no POST can pass as a duplicate of another.
					const attempts = ['', '0'.repeat(64), uuidMac];
					for (const [n, mac] of attempts.entries()) {
						const forged = lead(`forged-${prefixed ? 'prefixed' : 'bare'}-${n}`);
						await expectDelivery(
							ctx,
							flows,
							'linkedin',
							{ body: forged, options: { headers: linkedInHeader(mac, prefixed) } },
							{ status: 401, executions: 0 },
						);
					}
					// The one body that MAC does sign is the UUID itself: not a notification, so nothing starts. Sent as
					// text, or n8n's own JSON parser would refuse it (422) before the trigger could.
					await expectDelivery(
						ctx,
						flows,
						'linkedin',
						{ body: uuid, options: { headers: { ...linkedInHeader(uuidMac, prefixed), 'content-type': 'text/plain' } } },
						{ status: 400, executions: 0 },
					);
				},
			);
		}

		await ctx.check('a UUID challenge is still answered with the HMAC LinkedIn expects', async () => {
			const code = randomUUID();
			const response = await challenge(ctx, code);
			ctx.assert.status(response, 200);
			ctx.assert.deepEqual(response.json, {
				challengeCode: code,
				challengeResponse: linkedInChallengeResponse(SECRET, code),
			});
		});

		await ctx.check(
			'a lead signed the way LinkedIn signs is still accepted (the 401s above are not a broken trigger)',
			async () => {
				const body = lead('genuine');
				await expectDelivery(
					ctx,
					flows,
					'linkedin',
					{ body, options: { headers: linkedIn(SECRET, body) } },
					{ status: 200, executions: 1, items: 1 },
				);
			},
		);
	},
};

export default scenario;
