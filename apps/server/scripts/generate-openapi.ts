import { writeFileSync } from 'node:fs';
import { OPENAPI_FILE, renderOpenApiDocument } from '../src/openapi-document';

writeFileSync(OPENAPI_FILE, await renderOpenApiDocument());
console.log(`wrote ${OPENAPI_FILE}`);
