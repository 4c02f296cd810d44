// The validators compiled at build time (scripts/compile-validators.mjs) are the ones in use, and
// they judge exactly as validators compiled at run time from the same schemas with the same options.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { installPrecompiledValidators } from '../../server/src/core/precompiled';
import { CNI_AJV_OPTIONS, SchemaNode, validatedSchemas, validatorFor } from '../../server/src/core/cni/schemaRegistry';
import * as generated from '../../server/src/core/cni/validators.generated';
import { NETWORK_AJV_OPTIONS, NETWORK_SCHEMA } from '../../server/src/core/rook/networkSchema';
import network from '../../server/src/core/rook/networkValidator.generated';

installPrecompiledValidators();
const exported = generated as unknown as Record<string, ValidateFunction> & { VALIDATOR_IDS: Record<string, string> };

/** What a check reads from an error; `parentSchema` compared by content (the generated code holds copies). */
const view = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => ({
    path: e.instancePath,
    keyword: e.keyword,
    params: e.params,
    schemaPath: e.schemaPath,
    message: e.message,
    parent: JSON.stringify(e.parentSchema ?? null),
  }));

function runtimeValidators(): Map<string, ValidateFunction> {
  const ajv = new Ajv(CNI_AJV_OPTIONS);
  const schemas = validatedSchemas();
  for (const [, s] of schemas) ajv.addSchema(s as object);
  return new Map(schemas.map(([id]) => [id, ajv.getSchema(id)!]));
}

test('every validated schema has a precompiled validator, and the registry hands it out', () => {
  const ids = validatedSchemas().map(([id]) => id);
  assert.deepEqual(Object.values(exported.VALIDATOR_IDS).sort(), [...ids].sort());
  for (const [name, id] of Object.entries(exported.VALIDATOR_IDS)) {
    const schema = validatedSchemas().find(([i]) => i === id)![1];
    assert.equal(validatorFor(schema), exported[name], id);
  }
});

/** Objects built from a schema's own keys (and a few strangers) with values of every JSON type. */
function configFor(schema: SchemaNode): fc.Arbitrary<Record<string, unknown>> {
  const keys = [...Object.keys(schema.properties ?? {}), 'unknownKey', 'Type', 'ipam', 'plugins'];
  const leaf = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.integer({ min: -5, max: 70000 }),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('10.0.0.0/24', 'eth0', '1.0.0', 'bridge', '', 'l2'),
  );
  const value = fc.oneof(
    { weight: 4, arbitrary: leaf },
    fc.array(leaf, { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('type', 'subnet', 'range', 'address', 'dst', 'gw', 'x'), leaf, { maxKeys: 3 }),
  );
  return fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 6 });
}

test('precompiled and run-time compiled CNI validators report the same errors', () => {
  const runtime = runtimeValidators();
  for (const [id, schema] of validatedSchemas()) {
    const pre = validatorFor(schema);
    const rt = runtime.get(id)!;
    fc.assert(
      fc.property(configFor(schema), (config) => {
        const a = pre(config);
        const preErrors = view(pre.errors);
        const b = rt(config);
        assert.equal(a, b, id);
        assert.deepEqual(preErrors, view(rt.errors), id);
      }),
      { numRuns: 150 },
    );
  }
});

test('the precompiled Rook network validator agrees with a run-time one', () => {
  const rt = new Ajv(NETWORK_AJV_OPTIONS).compile(NETWORK_SCHEMA);
  const pre = network as unknown as ValidateFunction;
  const leaf = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('multus', 'host', 'IPv4', 'rook-ceph/public-net'),
  );
  const net = fc.dictionary(
    fc.constantFrom(
      'provider',
      'selectors',
      'ipFamily',
      'dualStack',
      'hostNetwork',
      'addressRanges',
      'connections',
      'multiClusterService',
    ),
    fc.oneof(
      leaf,
      fc.dictionary(
        fc.constantFrom('public', 'cluster', 'enabled', 'encryption', 'clusterID'),
        fc.oneof(leaf, fc.array(leaf, { maxLength: 2 })),
        { maxKeys: 3 },
      ),
    ),
    { maxKeys: 5 },
  );
  fc.assert(
    fc.property(net, (data) => {
      assert.equal(pre(data), rt(data));
      assert.deepEqual(view(pre.errors), view(rt.errors));
    }),
    { numRuns: 500 },
  );
});
