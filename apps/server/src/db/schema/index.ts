export * from './accounts';
export * from './grading';
export * from './progress';
export * from './roadmap';
