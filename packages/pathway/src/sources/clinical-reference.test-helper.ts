import { existsSync, readFileSync } from 'node:fs';

const referencePath = new URL('../../../../../shared/clinical-reference.md', import.meta.url);

/**
 * The numbered source list of shared/clinical-reference.md, for the tests that hold the code to it.
 * `skip` for node:test when the reference is not beside this clone.
 */
export const clinicalReference = {
  skip: existsSync(referencePath) ? false : 'shared/clinical-reference.md is not beside this clone',
  sourceList(): string {
    const text = readFileSync(referencePath, 'utf8');
    return text.slice(text.indexOf('## Sources'));
  },
};
