import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAst } from 'rolldown/parseAst';
import { consoleEn } from '../i18n/console.en.ts';
import { consoleEs } from '../i18n/console.es.ts';

// Issue 17: the console's Spanish is complete. Two checks that fail the moment English creeps in:
// every console string has a Spanish translation (with the same {placeholders}), and no console
// screen writes visible text past t() — JSX text, a string child, or a visible attribute.

// `{name}` and the plural form `{name, plural, …}` both name a placeholder.
const params = (text: string) => [...text.matchAll(/\{(\w+)[},]/g)].map((m) => m[1]).sort();

test('every console string has a Spanish translation with the same placeholders', () => {
  const es = consoleEs as Readonly<Record<string, string | undefined>>;
  const missing = Object.keys(consoleEn).filter((key) => !es[key]?.trim());
  assert.deepEqual(missing, [], `console keys without Spanish: ${missing.join(', ')}`);
  const mismatched = Object.entries(consoleEn)
    .filter(([key, english]) => params(english).join() !== params(es[key] ?? '').join())
    .map(([key]) => key);
  assert.deepEqual(mismatched, [], 'placeholders differ');
});

interface Node {
  type: string;
  start: number;
  [key: string]: unknown;
}

/** Words (two letters or more) written straight into a console screen's markup. */
function untranslated(file: string, code: string): string[] {
  const found: string[] = [];
  const at = (node: Node) => `${file}:${code.slice(0, node.start).split('\n').length}`;
  const words = /\p{L}{2}/u;
  const visibleAttributes = new Set(['aria-label', 'placeholder', 'title', 'alt', 'label']);
  const strings = (e: Node | null | undefined): string[] => {
    if (!e) return [];
    if (e.type === 'Literal') return typeof e.value === 'string' ? [e.value] : [];
    if (e.type === 'TemplateLiteral')
      return (e.quasis as { value: { cooked: string } }[]).map((q) => q.value.cooked);
    if (e.type === 'ConditionalExpression')
      return [...strings(e.consequent as Node), ...strings(e.alternate as Node)];
    if (e.type === 'LogicalExpression')
      return [...strings(e.left as Node), ...strings(e.right as Node)];
    return [];
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const node = value as Node;
    if (node.type === 'JSXElement' || node.type === 'JSXFragment') {
      for (const child of node.children as Node[]) {
        if (child.type === 'JSXText' && words.test(child.value as string))
          found.push(`${at(child)} ${JSON.stringify((child.value as string).trim())}`);
        if (child.type === 'JSXExpressionContainer')
          for (const text of strings(child.expression as Node))
            if (words.test(text)) found.push(`${at(child)} ${JSON.stringify(text)}`);
      }
    }
    if (node.type === 'JSXAttribute') {
      const name = (node.name as { name: string }).name;
      const initial = node.value as Node | null;
      const texts =
        initial?.type === 'JSXExpressionContainer'
          ? strings(initial.expression as Node)
          : strings(initial);
      if (visibleAttributes.has(name))
        for (const text of texts) if (words.test(text)) found.push(`${at(node)} ${name}=${text}`);
    }
    for (const key of Object.keys(node)) if (key !== 'parent') visit(node[key]);
  };
  visit(parseAst(code, { lang: 'tsx' }, file));
  return found;
}

test('no console screen shows text that does not go through the console catalogue', () => {
  const dir = import.meta.dirname;
  const files = readdirSync(dir).filter((f) => f.endsWith('.tsx'));
  assert.ok(files.length > 20, 'the console screens were found');
  const found = files.flatMap((f) => untranslated(f, readFileSync(join(dir, f), 'utf8')));
  assert.deepEqual(found, [], 'write these with t() and add Spanish');
});

test('the check finds a hard-coded word (it can fail)', () => {
  const bad = untranslated(
    'x.tsx',
    `export const A = () => <p title="Open">{ok ? 'Saved' : t('x')} Hello <b>{'·'}</b></p>;`,
  );
  assert.equal(bad.length, 3, bad.join('\n'));
});
