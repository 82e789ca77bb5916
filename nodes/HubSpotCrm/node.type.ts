/** The HubSpot CRM node's resources and their operations: the one list the operation table must match. */
export type HubSpotCrmMap = {
	contact: 'create' | 'upsert' | 'get' | 'update' | 'delete' | 'search' | 'getAll' | 'getChanged';
};
