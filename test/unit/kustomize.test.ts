// nad/duplicate across files through kustomizations (issue 14.2): files one kustomization gathers
// are applied together, overlays that each add their own variant are alternatives, and patches next
// to a base are not resources. The layouts are modelled on GitOps repositories (base + overlays).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readKustomization, resolveEntry } from '../../server/src/core/yaml/kustomization';
import { macvlanConfig, nad } from '../support/manifests';
import { memoryWorkspace } from '../support/workspaceFixtures';

const kustomization = (body: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;

const PUBLIC = nad({ name: 'ceph-public', namespace: 'rook-ceph', config: macvlanConfig('192.168.20.0/24') });
const PUBLIC_V6 = nad({ name: 'ceph-public', namespace: 'rook-ceph', config: macvlanConfig('fd00:20::/64') });
const CLUSTER = nad({ name: 'ceph-cluster', namespace: 'rook-ceph', config: macvlanConfig('192.168.30.0/24') });

/** `severity slice [related files]` of each nad/duplicate of `file`. */
function dups(files: Record<string, string>, file: string): string[] {
  const ws = memoryWorkspace(files);
  return ws
    .problemsFor(`file:///mem/${file}`)
    .filter((p) => p.code === 'nad/duplicate')
    .map(
      (p) =>
        `${p.severity} ${files[file].slice(p.start, p.end)} [${(p.related ?? [])
          .map(
            (r) =>
              `${r.uri.slice('file:///mem/'.length)}:${files[r.uri.slice('file:///mem/'.length)].slice(r.start, r.end)}`,
          )
          .join(', ')}]`,
    );
}

test('kustomization: resources (files and folders), bases, components; remote bases left out', () => {
  const text = kustomization(
    'namespace: rook-ceph\nnamePrefix: lab-\nresources:\n  - nad.yaml\n  - ../../base\n  - https://github.com/org/repo//deploy?ref=v1\n  - github.com/org/repo/deploy\nbases:\n  - ../old\ncomponents:\n  - ../../components/ipv6\n',
  );
  const k = readKustomization(text)!;
  assert.deepEqual(
    k.entries.map((e) => [e.path, text.slice(e.range[0], e.range[1]), e.component]),
    [
      ['nad.yaml', 'nad.yaml', false],
      ['../../base', '../../base', false],
      ['../old', '../old', false],
      ['../../components/ipv6', '../../components/ipv6', true],
    ],
  );
  assert.equal(k.namespace, 'rook-ceph');
  assert.equal(k.namePrefix, 'lab-');
  assert.equal(readKustomization('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n'), undefined);
  // A Flux Kustomization object saved as kustomization.yaml gathers nothing (kustomize reads spec.path itself).
  assert.equal(
    readKustomization(
      'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\nspec:\n  path: ./apps\n',
    ),
    undefined,
  );
  assert.equal(readKustomization('resources:\n  - nad.yaml\n')?.entries.length, 1);
  assert.equal(resolveEntry('file:///r/overlays/ipv4', '../../base'), 'file:///r/base');
  assert.equal(resolveEntry('file:///r/my%20dir', './nad.yaml'), 'file:///r/my dir/nad.yaml');
});

test('nad/duplicate: two files one kustomization gathers (a file and a folder) with the same NAD is an error (kustomize refuses the build)', () => {
  const files = {
    'base/kustomization.yaml': kustomization('resources:\n  - public.yaml\n  - cluster.yaml\n'),
    'base/public.yaml': PUBLIC,
    'base/cluster.yaml': CLUSTER,
    'extra/public-v6.yaml': PUBLIC_V6,
    'overlays/dual/kustomization.yaml': kustomization('resources:\n  - ../../base\n  - ../../extra/public-v6.yaml\n'),
  };
  assert.deepEqual(dups(files, 'extra/public-v6.yaml'), [
    'error ceph-public [base/public.yaml:ceph-public, overlays/dual/kustomization.yaml:../../base]',
  ]);
  assert.deepEqual(dups(files, 'base/public.yaml'), [
    'error ceph-public [extra/public-v6.yaml:ceph-public, overlays/dual/kustomization.yaml:../../extra/public-v6.yaml]',
  ]);
  // Identical copies too: kustomize checks ids, not contents.
  assert.deepEqual(dups({ ...files, 'extra/public-v6.yaml': PUBLIC }, 'extra/public-v6.yaml').length, 1);
  // Without a namespace, kustomize takes both as namespace "default": the same id.
  const bare = (config: string) => nad({ name: 'ceph-public', config: macvlanConfig(config) });
  assert.deepEqual(
    dups(
      {
        'app/kustomization.yaml': kustomization('resources:\n  - a.yaml\n  - b.yaml\n'),
        'app/a.yaml': bare('10.0.0.0/24'),
        'app/b.yaml': bare('10.0.1.0/24'),
      },
      'app/a.yaml',
    ),
    ['error ceph-public [app/b.yaml:ceph-public, app/kustomization.yaml:b.yaml]'],
  );
});

test('nad/duplicate near misses: overlays each adding their variant, patches beside a base, child kustomizations that rename or re-namespace', () => {
  // Two overlays, each its own kustomization, each adding its own variant: alternatives.
  const overlays = {
    'base/kustomization.yaml': kustomization('resources:\n  - cluster.yaml\n'),
    'base/cluster.yaml': CLUSTER,
    'variants/public-v4.yaml': PUBLIC,
    'variants/public-v6.yaml': PUBLIC_V6,
    'overlays/ipv4/kustomization.yaml': kustomization(
      'resources:\n  - ../../base\n  - ../../variants/public-v4.yaml\n',
    ),
    'overlays/ipv6/kustomization.yaml': kustomization(
      'resources:\n  - ../../base\n  - ../../variants/public-v6.yaml\n',
    ),
  };
  // The two variants sit in one folder (without kustomization, the folder rule would warn).
  assert.deepEqual(dups(overlays, 'variants/public-v4.yaml'), []);
  assert.deepEqual(dups(overlays, 'variants/public-v6.yaml'), []);
  // The same two files without the overlays: one folder, applied together, a warning.
  assert.deepEqual(
    dups({ 'variants/public-v4.yaml': PUBLIC, 'variants/public-v6.yaml': PUBLIC_V6 }, 'variants/public-v4.yaml'),
    ['warning ceph-public [variants/public-v6.yaml:ceph-public]'],
  );
  // A strategic-merge patch beside the base (not a resource) is not a second definition.
  const patched = {
    'base/kustomization.yaml': kustomization('resources:\n  - public.yaml\npatches:\n  - path: public-patch.yaml\n'),
    'base/public.yaml': PUBLIC,
    'base/public-patch.yaml': PUBLIC_V6,
  };
  assert.deepEqual(dups(patched, 'base/public.yaml'), []);
  assert.deepEqual(dups(patched, 'base/public-patch.yaml'), []);
  // Child kustomizations that put the same base into two namespaces, or prefix its names.
  const bare = nad({ name: 'ceph-public', config: macvlanConfig('10.0.0.0/24') });
  const twoNamespaces = {
    'base/kustomization.yaml': kustomization('resources:\n  - public.yaml\n'),
    'base/public.yaml': bare,
    'site-a/kustomization.yaml': kustomization('namespace: site-a\nresources:\n  - ../base\n'),
    'site-b/kustomization.yaml': kustomization('namespace: site-b\nresources:\n  - ../base\n'),
    'lab/kustomization.yaml': kustomization('namePrefix: lab-\nresources:\n  - ../other\n'),
    'other/kustomization.yaml': kustomization('resources:\n  - public.yaml\n'),
    'other/public.yaml': nad({ name: 'ceph-public', config: macvlanConfig('10.0.9.0/24') }),
    'all/kustomization.yaml': kustomization('resources:\n  - ../site-a\n  - ../site-b\n  - ../lab\n  - ../base\n'),
  };
  assert.deepEqual(dups(twoNamespaces, 'other/public.yaml'), []);
  // …but base itself and the unprefixed copy… the base is gathered twice by "all" (once renamed
  // into site-a and site-b, once as it is): the same NAD entry never clashes with itself.
  assert.deepEqual(dups(twoNamespaces, 'base/public.yaml'), []);
  // Without the prefix, "all" gathers two NADs named ceph-public in namespace default.
  const unprefixed = { ...twoNamespaces, 'lab/kustomization.yaml': kustomization('resources:\n  - ../other\n') };
  assert.deepEqual(dups(unprefixed, 'other/public.yaml'), [
    'error ceph-public [base/public.yaml:ceph-public, all/kustomization.yaml:../base]',
  ]);
});

test('nad/duplicate through kustomizations follows edits: a kustomization that starts gathering both files', () => {
  const ws = memoryWorkspace({
    'base/kustomization.yaml': kustomization('resources:\n  - public.yaml\n'),
    'base/public.yaml': PUBLIC,
    'extra/public-v6.yaml': PUBLIC_V6,
  });
  const uri = 'file:///mem/extra/public-v6.yaml';
  assert.deepEqual(
    ws.problemsFor(uri).filter((p) => p.code === 'nad/duplicate'),
    [],
  );
  const k = 'file:///mem/base/kustomization.yaml';
  const before = ws.get(k);
  const after = ws.setFile(k, kustomization('resources:\n  - public.yaml\n  - ../extra/public-v6.yaml\n'));
  assert.ok(ws.dependentsOf(k, before, after)!.includes(uri));
  assert.deepEqual(
    ws
      .problemsFor(uri)
      .map((p) => `${p.code} ${p.severity}`)
      .filter((c) => c.startsWith('nad/duplicate')),
    ['nad/duplicate error'],
  );
});
