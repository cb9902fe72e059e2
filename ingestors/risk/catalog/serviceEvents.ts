import { canonicalJson } from '../../../graph-model/canonical.js';
import { WHOLE_ASSET, type FieldDef } from '../../../graph-model/model.js';
import { qualifiedName, type AssetIdentity } from './assetReference.js';
import type { BuildContext } from './buildContext.js';
import type { ServiceItem } from './catalogItems.js';
import type { EventFieldSpec } from './catalogSchema.js';
import { itemLocation } from './itemParts.js';

/** The EVENT asset each service decides on, and its fields. */
export interface ServiceEvents {
  eventOf(service: ServiceItem): AssetIdentity;
  /** Whether the event declares `path` (`''`, the whole event, always). */
  hasField(event: AssetIdentity, path: string): boolean;
}

/** `<scene>.event` in the service's namespace: services of one scene and namespace share it. */
export const eventIdentity = (service: ServiceItem): AssetIdentity => ({ namespace: service.namespace, name: `${service.spec.scene}.event` });

/**
 * Asserts one EVENT asset per (namespace, scene), its fields the union of what its services
 * declare, with `pii` and `tags` of a field as tags on that field. A field two services declare
 * differently keeps the first declaration and is reported.
 */
export function assertServiceEvents(context: BuildContext, services: readonly ServiceItem[]): ServiceEvents {
  const events = new Map<string, { identity: AssetIdentity; scene: string; firstService: ServiceItem; fields: Map<string, EventFieldSpec> }>();
  for (const service of services) {
    const identity = eventIdentity(service);
    const key = qualifiedName(identity);
    const event = events.get(key) ?? { identity, scene: service.spec.scene, firstService: service, fields: new Map<string, EventFieldSpec>() };
    events.set(key, event);
    service.spec.eventFields.forEach((field, index) => {
      const earlier = event.fields.get(field.name);
      if (earlier === undefined) {
        event.fields.set(field.name, field);
      } else if (canonicalJson(earlier) !== canonicalJson(field)) {
        context.errors.push({
          location: itemLocation(service, 'eventFields', index),
          message: `service ${qualifiedName({ namespace: service.namespace, name: service.spec.name })}: event field '${field.name}' of ${key} is declared differently by another service; the first declaration is kept`,
          node: { type: 'ASSET', ...identity },
        });
      }
    });
  }

  for (const { identity, scene, firstService, fields } of events.values()) {
    const definitions: FieldDef[] = [...fields.values()].map((field) => {
      const definition: FieldDef = { name: field.name };
      if ('type' in field && field.type !== undefined) definition.type = field.type;
      if ('description' in field && field.description !== undefined) definition.description = field.description;
      return definition;
    });
    if (!context.builder.addAsset('EVENT', identity, { fields: definitions, properties: { scene } })) {
      context.errors.push({
        location: itemLocation(firstService, 'scene'),
        message: `event ${qualifiedName(identity)} collides with another item of the catalog asserted with other content`,
        node: { type: 'ASSET', ...identity },
      });
      continue;
    }
    for (const field of fields.values()) {
      if ('pii' in field && field.pii !== undefined) context.builder.tag(identity, 'pii', field.pii, field.name);
      if ('tags' in field) for (const [key, value] of Object.entries(field.tags ?? {})) context.builder.tag(identity, key, value, field.name);
    }
  }

  return {
    eventOf: eventIdentity,
    hasField: (event, path) => path === WHOLE_ASSET || (events.get(qualifiedName(event))?.fields.has(path) ?? false),
  };
}
