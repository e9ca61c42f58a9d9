// The public face of @lamina/pathway. One export line per module; add yours at the end.
export * from './dates/dates.ts';
export * from './sources/source.ts';
export * from './surgery/surgery.ts';
