// The client side of the client feed (client/src/workspaceFiles.ts), against a small fake of the
// `vscode` API with an in-memory virtual file system: listing through workspace.findFiles, and
// through a walk with workspace.fs.readDirectory where no search provider answers (skipping
// node_modules, .git and excluded folders); reading answers null for a file that cannot be read.
import assert from 'node:assert/strict';
import Module from 'node:module';
import { test } from 'node:test';

const FILES = new Map<string, string>([
  ['/repo/ceph/cluster.yaml', 'kind: CephCluster\n'],
  ['/repo/nets/a.yml', 'kind: NetworkAttachmentDefinition\n'],
  ['/repo/nets/README.md', '# not YAML\n'],
  ['/repo/drafts/b.yaml', 'x: 1\n'],
  ['/repo/node_modules/pkg/c.yaml', 'x: 1\n'],
  ['/repo/.git/d.yaml', 'x: 1\n'],
]);

class FakeUri {
  constructor(readonly path: string) {}
  static parse(s: string): FakeUri {
    return new FakeUri(s.replace(/^memfs:/, ''));
  }
  static joinPath(base: FakeUri, ...parts: string[]): FakeUri {
    return new FakeUri([base.path.replace(/\/$/, ''), ...parts].join('/'));
  }
  toString(): string {
    return `memfs:${this.path}`;
  }
}

const FileType = { File: 1, Directory: 2 };
let findFiles: () => Promise<FakeUri[]> = async () => [];

const fakeVscode = {
  Uri: FakeUri,
  FileType,
  RelativePattern: class {
    constructor(
      readonly base: FakeUri,
      readonly pattern: string,
    ) {}
  },
  workspace: {
    findFiles: () => findFiles(),
    fs: {
      async readDirectory(dir: FakeUri): Promise<[string, number][]> {
        const prefix = dir.path.replace(/\/$/, '') + '/';
        const out = new Map<string, number>();
        for (const p of FILES.keys()) {
          if (!p.startsWith(prefix)) continue;
          const [name, ...rest] = p.slice(prefix.length).split('/');
          out.set(name, rest.length ? FileType.Directory : FileType.File);
        }
        if (!out.size) throw new Error('ENOENT');
        return [...out];
      },
      async readFile(uri: FakeUri): Promise<Uint8Array> {
        const text = FILES.get(uri.path);
        if (text === undefined) throw new Error('ENOENT');
        return new TextEncoder().encode(text);
      },
    },
  },
};

// `vscode` resolves to the fake for the module under test.
const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = M._load;
M._load = (request: string, ...rest: unknown[]) => (request === 'vscode' ? fakeVscode : load(request, ...rest));
const { listFiles, readFiles } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the vscode fake above is registered
  require('../../client/src/workspaceFiles') as typeof import('../../client/src/workspaceFiles');

test('listing: workspace.findFiles where a search provider answers', async () => {
  findFiles = async () => [new FakeUri('/repo/ceph/cluster.yaml')];
  const logs: string[] = [];
  assert.deepEqual(await listFiles({ folder: 'memfs:/repo', exclude: [] }, undefined, (m) => logs.push(m)), [
    'memfs:/repo/ceph/cluster.yaml',
  ]);
  assert.deepEqual(logs, ['Sending the language server the YAML files of memfs:/repo: 1 found by workspace.findFiles']);
});

test('listing: a walk with workspace.fs.readDirectory where findFiles finds nothing or fails', async () => {
  for (const fallback of [async () => [], async () => Promise.reject(new Error('no search provider'))]) {
    findFiles = fallback;
    const found = await listFiles({ folder: 'memfs:/repo', exclude: ['drafts/**'] });
    assert.deepEqual(found.sort(), ['memfs:/repo/ceph/cluster.yaml', 'memfs:/repo/nets/a.yml']);
  }
  // Without the exclude, drafts/ is walked too; node_modules and .git never are.
  findFiles = async () => [];
  assert.deepEqual((await listFiles({ folder: 'memfs:/repo', exclude: [] })).sort(), [
    'memfs:/repo/ceph/cluster.yaml',
    'memfs:/repo/drafts/b.yaml',
    'memfs:/repo/nets/a.yml',
  ]);
});

test('reading: texts in order, null for a file that cannot be read', async () => {
  assert.deepEqual(await readFiles({ uris: ['memfs:/repo/nets/a.yml', 'memfs:/repo/gone.yaml'] }), [
    'kind: NetworkAttachmentDefinition\n',
    null,
  ]);
});
