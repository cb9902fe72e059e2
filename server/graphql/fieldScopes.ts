import { isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { isScope, type Scope } from '../auth/scopes.js';

/** The field extension saying which scope, beyond `read`, a field needs: declared beside its resolver. */
const SCOPE_EXTENSION = 'requiresScope';

/** The extensions of a field only tokens with `scope` may run: `@Extensions(requiresScope('audit'))`. */
export function requiresScope(scope: Scope): Record<string, Scope> {
  return { [SCOPE_EXTENSION]: scope };
}

export function scopeOf(field: GraphQLField<unknown, unknown>): Scope | undefined {
  const scope = field.extensions[SCOPE_EXTENSION];
  return typeof scope === 'string' && isScope(scope) ? scope : undefined;
}

/** Every field of the schema that needs a scope, as `Type.field`: what the scope tests cover. */
export function scopedFields(schema: GraphQLSchema): { type: string; field: string; scope: Scope }[] {
  const found: { type: string; field: string; scope: Scope }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const scope = scopeOf(field as GraphQLField<unknown, unknown>);
      if (scope) found.push({ type: type.name, field: field.name, scope });
    }
  }
  return found;
}
