/**
 * SMART system scopes (v2 `system/Observation.rs`, v1 `system/Observation.read`), parsed and
 * checked. `*` names every resource type. Pure: no I/O.
 */
export type ScopeOp = 'c' | 'r' | 'u' | 'd' | 's';

export interface SystemScope {
  readonly text: string;
  readonly type: string;
  readonly ops: ReadonlySet<ScopeOp>;
}

const pattern = /^system\/(\*|[A-Z][A-Za-z]{1,63})\.(read|write|\*|c?r?u?d?s?)$/;

export function parseScope(text: string): SystemScope | undefined {
  const match = pattern.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  const permissions = match[2];
  const ops: ScopeOp[] =
    permissions === 'read'
      ? ['r', 's']
      : permissions === 'write'
        ? ['c', 'u', 'd']
        : permissions === '*'
          ? ['c', 'r', 'u', 'd', 's']
          : ([...permissions] as ScopeOp[]);
  if (ops.length === 0) return undefined;
  return { text, type: match[1], ops: new Set(ops) };
}

/** A space-separated scope string: the parsed scopes, or the first one that is not a system scope. */
export function parseScopes(text: string): { scopes: SystemScope[] } | { invalid: string } {
  const scopes: SystemScope[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const scope = parseScope(word);
    if (!scope) return { invalid: word };
    scopes.push(scope);
  }
  return { scopes };
}

/** Whether `granted` covers `requested` (same or wider type, every operation). */
export function covers(granted: SystemScope, requested: SystemScope): boolean {
  if (granted.type !== '*' && granted.type !== requested.type) return false;
  for (const op of requested.ops) if (!granted.ops.has(op)) return false;
  return true;
}

export function allows(scopes: readonly SystemScope[], type: string, op: ScopeOp): boolean {
  return scopes.some((s) => (s.type === '*' || s.type === type) && s.ops.has(op));
}
