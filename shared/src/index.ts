// Public surface of @nq57/shared: the domain vocabulary and the pure rules shared by the API
// (which ranks on the server) and the web (which re-ranks in the browser).
export * from './domain/types';
export * from './domain/numbers';
export * from './domain/text';
export * from './domain/rates';
export * from './domain/rank';
export * from './domain/composite';
export * from './domain/periods';
export * from './domain/timeliness';
export * from './domain/states';
export * from './domain/validate';
export * from './domain/briefing';
export * from './domain/match';
export * from './domain/districts';
export * from './domain/csv';
export * from './domain/reportText';
export * from './domain/reader';
export * from './domain/contacts';
export * from './domain/reminders';
export * from './domain/releases';
export * from './domain/live';
