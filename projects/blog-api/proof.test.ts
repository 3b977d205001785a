import { proveProject } from '../kit/proof/prove-project';

proveProject('blog-api');
