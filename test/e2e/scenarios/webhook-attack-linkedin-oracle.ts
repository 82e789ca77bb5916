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
 * Issue 6 asks that the MAC the old oracle gave for a body, hex(HMAC-SHA256(client secret, body)), be
 * refused as a signature. src/core/signatures.ts verifyLinkedIn still accepts it (its "body" reading,
 * beside LinkedIn's documented "hmacsha256=" + body): with challenges limited to UUIDs no one can obtain
 * that MAC any more, but the POST half of the attack would be answered 200. Set to true once that reading
 * is dropped; until then the two checks are reported as skipped, not passed.
 */
const BODY_READING_REFUSED = false;
const BODY_READING_KEPT =
	"not built yet: the trigger still accepts hex HMAC(secret, body) (verifyLinkedIn's 'body' reading), which the spec says must get 401";

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
			const name = `POST of that lead with the MAC the oracle used to give (header ${prefixed ? 'with' : 'without'} "hmacsha256=") gets 401, nothing starts`;
			if (!BODY_READING_REFUSED) {
				ctx.skip(name, BODY_READING_KEPT);
				continue;
			}
			await ctx.check(name, async () => {
				// Its own lead each time, so the second POST cannot pass as a duplicate of the first.
				const forged = lead(`forged-${prefixed ? 'prefixed' : 'bare'}`);
				await expectDelivery(
					ctx,
					flows,
					'linkedin',
					{ body: forged, options: { headers: linkedInHeader(oracleMac(forged), prefixed) } },
					{ status: 401, executions: 0 },
				);
			});
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
