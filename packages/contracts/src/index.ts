export * from './accounts';
export * from './content';
export * from './grading';
export * from './problem';
export * from './progress';
export * from './roadmap';
export * from './version';
