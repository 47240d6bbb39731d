export * from './current';
export * from './links';
export * from './matrix';
export * from './questions';
export * from './regions';
export * from './scores';
export * from './choices';
