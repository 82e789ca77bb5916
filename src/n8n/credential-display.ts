import type { ICredentialsDisplayOptions, NodeParameterValue } from 'n8n-workflow';

/**
 * When a credential is shown, for nodes whose Platform, Source or Target choice picks the credential.
 *
 * n8n's editor takes an options parameter whose every value shows some credential for the node's
 * authentication method: it leaves that parameter out of the node's panel (for the credential section), and
 * with it every parameter that an authentication parameter's display depends on. On these nodes that hid
 * Platform, Source and Target themselves (found by the editor checks in a real n8n 2.41). The same
 * condition written as `{ _cnd: { eq } }` is not read as an authentication value, and means the same
 * wherever n8n decides whether a credential applies: credentials go through the same display check as
 * parameters (n8n-workflow's `displayParameter`, which evaluates `_cnd`), although the type for credential
 * display options only lists plain values, hence the cast.
 */
export function credentialShownWhen(show: Record<string, NodeParameterValue[]>): ICredentialsDisplayOptions {
	const conditions: Record<string, Array<{ _cnd: { eq: NodeParameterValue } }>> = {};
	for (const [parameter, values] of Object.entries(show)) {
		conditions[parameter] = values.map((eq) => ({ _cnd: { eq } }));
	}
	return { show: conditions } as unknown as ICredentialsDisplayOptions;
}
