// Deterministic (seeded) workspace generator for the benchmark: NADs of every plugin type and
// scalar style, CephClusters selecting NADs across folders and namespaces, CephBlockPools,
// Deployments with network annotations, many unrelated manifests (most files of a real repo are
// not ours), one large multi-document file, and one NAD referenced from 1,000 files.
import * as fs from 'node:fs';
import * as path from 'node:path';

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLUGINS = [
  (n, i) => ({
    cniVersion: '0.3.1',
    name: n,
    type: 'macvlan',
    master: `eth${i % 4}`,
    mode: 'bridge',
    ipam: { type: 'whereabouts', range: `10.${i % 250}.${(i >> 8) % 250}.0/24` },
  }),
  (n, i) => ({
    cniVersion: '1.0.0',
    name: n,
    type: 'ipvlan',
    master: `bond${i % 2}`,
    mode: 'l2',
    ipam: { type: 'whereabouts', range: `172.16.${i % 250}.0/24`, exclude: [`172.16.${i % 250}.0/28`] },
  }),
  (n) => ({ cniVersion: '0.3.1', name: n, type: 'host-device', device: 'eth1', ipam: { type: 'dhcp' } }),
  (n, i) => ({
    cniVersion: '0.4.0',
    name: n,
    type: 'bridge',
    bridge: `br${i % 8}`,
    isGateway: true,
    ipam: {
      type: 'host-local',
      subnet: `10.200.${i % 250}.0/24`,
      rangeStart: `10.200.${i % 250}.10`,
      rangeEnd: `10.200.${i % 250}.200`,
    },
  }),
  (n, i) => ({
    cniVersion: '1.0.0',
    name: n,
    type: 'vlan',
    master: 'eth0',
    vlanId: 100 + (i % 3000),
    ipam: { type: 'static', addresses: [{ address: `192.168.${i % 250}.5/24` }] },
  }),
  (n, i) => ({
    cniVersion: '1.0.0',
    name: n,
    plugins: [
      { type: 'macvlan', master: 'eth2', ipam: { type: 'whereabouts', range: `10.99.${i % 250}.0/24` } },
      { type: 'tuning', sysctl: { 'net.ipv4.conf.IFNAME.arp_notify': '1' } },
    ],
  }),
];

/** Writes the JSON in one of the five YAML scalar styles, as people do. */
function configScalar(json, style) {
  const compact = JSON.stringify(json);
  const pretty = JSON.stringify(json, null, 2);
  switch (style) {
    case 0:
      return (
        '|\n' +
        pretty
          .split('\n')
          .map((l) => '    ' + l)
          .join('\n') +
        '\n'
      );
    case 1:
      return "'" + compact.replace(/'/g, "''") + "'\n";
    case 2:
      return JSON.stringify(compact) + '\n';
    case 3:
      return (
        '>-\n' +
        pretty
          .split('\n')
          .map((l) => '    ' + l)
          .join('\n') +
        '\n'
      );
    default:
      return "'" + pretty.replace(/'/g, "''").split('\n').join('\n    ') + "'\n";
  }
}

function nad(name, ns, json, style) {
  return `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  config: ${configScalar(json, style)}`;
}

function cluster(name, ns, pub, clu) {
  return `apiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  dataDirHostPath: /var/lib/rook\n  mon:\n    count: 3\n  network:\n    provider: multus\n    selectors:\n      public: ${pub}\n      cluster: ${clu}\n  storage:\n    useAllNodes: true\n    useAllDevices: true\n`;
}

function pool(name, ns, size) {
  return `apiVersion: ceph.rook.io/v1\nkind: CephBlockPool\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  failureDomain: host\n  replicated:\n    size: ${size}\n`;
}

function deployment(name, ns, networks) {
  const ann = networks ? `      annotations:\n        k8s.v1.cni.cncf.io/networks: ${networks}\n` : '';
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n    app: ${name}\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n${ann}    spec:\n      containers:\n        - name: main\n          image: registry.example.com/${name}:1.0.${name.length}\n          ports:\n            - containerPort: 8080\n          resources:\n            requests:\n              cpu: 100m\n              memory: 128Mi\n`;
}

function unrelated(r, i) {
  const kind = i % 3;
  if (kind === 0)
    return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: app-${i % 17}\ndata:\n  key: value-${i}\n  settings.json: |\n    {"feature": ${r() < 0.5}, "level": ${Math.floor(r() * 10)}}\n`;
  if (kind === 1)
    return `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  namespace: app-${i % 17}\nspec:\n  selector:\n    app: app-${i}\n  ports:\n    - port: 80\n      targetPort: 8080\n`;
  return deployment(`app-${i}`, `app-${i % 17}`, undefined);
}

export const HOT_NAD = { name: 'hot-net', namespace: 'rook-ceph' };

/**
 * Generates `files` files under `dir`; returns facts the benchmark needs (paths of the large file
 * and of the hot NAD). The same seed and size always produce the same bytes.
 */
export function generateWorkspace(dir, files, seed = 42) {
  const r = rng(seed);
  fs.rmSync(dir, { recursive: true, force: true });
  const write = (rel, text) => {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  };
  const nadNames = [];
  let written = 0;
  // The hot NAD and the 1,000 (or files/10) Deployments that use it.
  write('networks/rook-ceph/hot-net.yaml', nad(HOT_NAD.name, HOT_NAD.namespace, PLUGINS[0](HOT_NAD.name, 7), 0));
  written++;
  const hotRefs = Math.min(1000, Math.floor(files / 10));
  for (let i = 0; i < hotRefs; i++) {
    write(
      `apps/hot/deploy-${i}.yaml`,
      deployment(`hot-${i}`, 'rook-ceph', i % 2 ? 'hot-net' : 'rook-ceph/hot-net@net1'),
    );
    written++;
  }
  // One large multi-document file (a rendered Helm bundle): 2,000 documents.
  const docs = [];
  for (let i = 0; i < 2000; i++) {
    if (i % 20 === 0)
      docs.push(nad(`bundle-net-${i}`, 'bundle', PLUGINS[i % PLUGINS.length](`bundle-net-${i}`, i), i % 5));
    else docs.push(unrelated(r, i));
  }
  write('rendered/bundle.yaml', docs.join('---\n'));
  written++;
  // A 2,000-line multi-document file: the edit-latency target.
  const medium = [];
  let lines = 0;
  for (let j = 0; lines < 2000; j++) {
    const doc =
      j % 8 === 0
        ? nad(`medium-net-${j}`, 'medium', PLUGINS[j % PLUGINS.length](`medium-net-${j}`, j), j % 5)
        : unrelated(r, 100000 + j);
    medium.push(doc);
    lines += doc.split('\n').length;
  }
  write('rendered/medium.yaml', medium.join('---\n'));
  written++;
  let i = 0;
  while (written < files) {
    const roll = r();
    const ns = `ns-${i % 13}`;
    if (roll < 0.1) {
      const name = `net-${i}`;
      nadNames.push(`${ns}/${name}`);
      write(`networks/${ns}/${name}.yaml`, nad(name, ns, PLUGINS[i % PLUGINS.length](name, i), i % 5));
    } else if (roll < 0.12 && nadNames.length >= 2) {
      const pub = nadNames[Math.floor(r() * nadNames.length)];
      const clu = nadNames[Math.floor(r() * nadNames.length)];
      write(
        `clusters/${ns}/cluster-${i}.yaml`,
        cluster(`ceph-${i}`, ns, pub, clu) + '---\n' + pool(`pool-${i}`, ns, 2 + (i % 2)),
      );
    } else if (roll < 0.2 && nadNames.length) {
      write(`apps/${ns}/deploy-${i}.yaml`, deployment(`svc-${i}`, ns, nadNames[Math.floor(r() * nadNames.length)]));
    } else {
      write(`misc/${i % 50}/manifest-${i}.yaml`, unrelated(r, i));
    }
    written++;
    i++;
  }
  return {
    dir,
    files: written,
    largeFile: path.join(dir, 'rendered/bundle.yaml'),
    mediumFile: path.join(dir, 'rendered/medium.yaml'),
    hotNadFile: path.join(dir, 'networks/rook-ceph/hot-net.yaml'),
    hotRefs,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'bench/work/ws', n = '1000'] = process.argv.slice(2);
  console.log(generateWorkspace(dir, Number(n)));
}
