/** The LinkedIn node's resources and their operations: the one list the operation table must match. */
export type LinkedInMap = {
	profile: 'getMe' | 'checkToken';
	post: 'create';
	lead: 'getAll' | 'get';
	form: 'getAll';
	leadNotification: 'create' | 'getAll' | 'delete';
};
