import { projects } from '../../index';
import { proveLoadStages } from './prove-project';

// every project's load stages, after every project's correctness proof (scripts/run-tests.mjs runs this last, alone)
proveLoadStages(projects);
