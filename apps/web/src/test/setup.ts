import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// without Vitest globals, Testing Library cannot register its own cleanup
afterEach(() => cleanup());
