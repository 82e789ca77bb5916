// n8n's own strict lint for verified community nodes, unchanged. Applied to everything that ships.
import { config } from '@n8n/node-cli/eslint';

export default config;
