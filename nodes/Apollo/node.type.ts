/** The Apollo node's resources and their operations: the one list the operation table must match. */
export type ApolloMap = {
	person: 'enrich' | 'search';
	organization: 'enrich';
	contact: 'create' | 'get' | 'update' | 'upsert' | 'search';
};
