import { statementsEs } from '@lamina/pathway/statements-es';
import { es } from './es.ts';

/** The Spanish catalogues in one chunk, fetched the first time Spanish is chosen (see i18n.tsx). */
export const spanish = { messages: es, clinical: statementsEs };
