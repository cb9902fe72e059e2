import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType('Owner', { simpleResolvers: true })
export class Owner {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: 'e.g. TEAM, USER (OpenLineage ownership type).' })
  type!: string | null;
}

@ObjectType('Tag', { simpleResolvers: true, description: 'A key=value label on a node or one of its fields.' })
export class Tag {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  value!: string;

  @Field(() => String, { description: "The field it labels; '' for the node itself." })
  field!: string;

  @Field(() => Int, { description: 'The graph version since which it holds.' })
  since!: number;
}

@ObjectType('AssetField', { simpleResolvers: true, description: 'A column, event attribute or model output; nested fields are named parent.child.' })
export class AssetField {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  type!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => [Tag])
  tags!: Tag[];
}

@ObjectType('Code', { simpleResolvers: true, description: 'SQL, a rule expression, a feature expression...' })
export class Code {
  @Field(() => String)
  language!: string;

  @Field(() => String)
  text!: string;
}

@ObjectType('Property', { simpleResolvers: true, description: 'A free-form property of the definition; value is JSON text.' })
export class Property {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  value!: string;
}

@ObjectType('MetricPoint', { simpleResolvers: true, description: 'One stored measurement of a time bucket.' })
export class MetricPoint {
  @Field(() => String)
  metric!: string;

  @Field(() => String, { description: "'' for the node itself." })
  field!: string;

  @Field(() => String, { description: 'hour or day.' })
  granularity!: string;

  @Field(() => String, { description: 'ISO-8601 start of the bucket.' })
  bucketStart!: string;

  @Field(() => Float)
  value!: number;

  @Field(() => String)
  source!: string;
}

@ObjectType('DefinitionDiff', { simpleResolvers: true, description: 'What changed in a node between two versions.' })
export class DefinitionDiff {
  @Field(() => String, { nullable: true })
  kindFrom!: string | null;

  @Field(() => String, { nullable: true })
  kindTo!: string | null;

  @Field(() => [String])
  fieldsAdded!: string[];

  @Field(() => [String])
  fieldsRemoved!: string[];

  @Field(() => [String])
  fieldsChanged!: string[];

  @Field(() => [String], { description: 'Other parts of the definition that changed: description, code, owners, properties.' })
  changed!: string[];
}
