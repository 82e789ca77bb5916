/** `GET /v2/userinfo` (OpenID Connect, not versioned): needs `openid`; `profile` and `email` widen the answer. */
import { json } from '../http';
import { notFound } from './errors';
import type { Route } from './route';
import { userinfo } from './serialize';

export const PROFILE_ROUTES: Route[] = [
	{
		method: 'GET',
		pattern: /^\/v2\/userinfo\/?$/,
		resource: 'GET /v2/userinfo',
		versioned: false,
		scope: 'openid',
		run: ({ state, caller }) => {
			const member = state.world.members.get(caller.member);
			return member ? json(200, userinfo(member, caller.scopes)) : notFound(`Member ${caller.member}`);
		},
	},
];
