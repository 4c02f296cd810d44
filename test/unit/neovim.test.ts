// A real non-VS Code client: headless Neovim (0.7+, vim.lsp.start_client) drives the language
// server over stdio with test/neovim/lsp-check.lua. Its diagnostics must equal the CLI's, hover and
// definition must answer, and a file written on disk behind the editor's back must change the
// results (Neovim 0.7 cannot watch files for the server: the server watches the folder itself).
// Skips when `nvim` is not installed (apt-get install neovim).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { runCli } from '../../server/src/cli/cli';
import { FIXTURES } from '../support/workspaceFixtures';

const ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(ROOT, 'test/neovim/lsp-check.lua');
const SERVER_BIN = path.join(ROOT, 'bin/multus-networks-language-server.js');
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const NVIM_VERSION = nvim.status === 0 ? nvim.stdout.split('\n')[0] : undefined;

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

interface LspDiag {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code: string;
  message: string;
}

interface NvimResult {
  ok: boolean;
  initial: Record<string, LspDiag[]>;
  hover: { contents: { kind: string; value: string } } | null;
  definition: { uri: string; range: LspDiag['range'] }[] | null;
  afterWriteSeen: boolean;
  afterWrite: Record<string, LspDiag[]>;
  registrations: string[];
  log: string[];
}

/** One line per finding, the same shape for both sides: file:line:col-endLine:endCol severity code message. */
const fromLsp = (dir: string, byUri: Record<string, LspDiag[]>) =>
  Object.entries(byUri)
    .flatMap(([uri, ds]) =>
      ds.map(
        (d) =>
          `${path.relative(dir, new URL(uri).pathname)}:${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${SEVERITY[d.severity]} ${d.code} ${d.message}`,
      ),
    )
    .sort();

test(
  'Neovim (headless, vim.lsp.start_client) sees what the CLI reports; hover, definition and files written on disk work',
  { skip: NVIM_VERSION ? false : 'nvim is not installed (apt-get install neovim)' },
  () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mn-nvim-')));
    fs.cpSync(path.join(FIXTURES, 'config'), dir, { recursive: true });
    try {
      // The CLI's view of the same folder.
      let cliOut = '';
      runCli(['check', '--format', 'json', '.'], { out: (s) => (cliOut += s), err: () => {}, cwd: dir });
      const cli = (
        JSON.parse(cliOut).diagnostics as {
          file: string;
          line: number;
          column: number;
          endLine: number;
          endColumn: number;
          severity: string;
          code: string;
          message: string;
        }[]
      )
        .map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.code} ${d.message}`)
        .sort();
      assert.ok(cli.length >= 2, cliOut);

      const clusterText = fs.readFileSync(path.join(dir, 'cluster.yaml'), 'utf8').split('\n');
      const nadsText = fs.readFileSync(path.join(dir, 'nads.yaml'), 'utf8').split('\n');
      const at = (lines: string[], file: string, needle: string) => {
        const line = lines.findIndex((l) => l.includes(needle));
        return { file: path.join(dir, file), line, character: lines[line].indexOf(needle) + 1 };
      };
      const request = {
        cmd: [process.execPath, fs.existsSync(SERVER_BIN) ? SERVER_BIN : path.join(ROOT, 'dist/server.js'), '--stdio'],
        root: dir,
        open: ['cluster.yaml', 'nads.yaml', 'team-b/nads.yaml'].map((f) => path.join(dir, f)),
        hover: at(nadsText, 'nads.yaml', 'whereabouts'),
        definition: at(clusterText, 'cluster.yaml', 'cluster-net'),
        write: {
          // A second NAD "apps/storage-net" with another range, written on disk in the same folder:
          // nads.yaml gets nad/duplicate (an identical copy would replace the NAD with itself).
          file: path.join(dir, 'storage-copy.yaml'),
          text: fs
            .readFileSync(path.join(dir, 'nads.yaml'), 'utf8')
            .split('---')[0]
            .replace('10.20.0.0/24', '10.21.0.0/24'),
        },
        out: path.join(dir, 'nvim-result.json'),
      };
      fs.mkdirSync(path.join(dir, 'more'));
      fs.writeFileSync(path.join(dir, 'request.json'), JSON.stringify(request));
      const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${SCRIPT}`], {
        cwd: dir,
        env: { ...process.env, MN_REQUEST: path.join(dir, 'request.json') },
        encoding: 'utf8',
        timeout: 90_000,
      });
      assert.ok(fs.existsSync(request.out), `nvim wrote no result (status ${r.status}): ${r.stderr}${r.stdout}`);
      const result = JSON.parse(fs.readFileSync(request.out, 'utf8')) as NvimResult;
      const transcript = [`${NVIM_VERSION}`, ...result.log].join('\n');
      fs.mkdirSync(path.join(ROOT, 'out'), { recursive: true });
      fs.writeFileSync(path.join(ROOT, 'out/neovim-transcript.txt'), transcript + '\n');
      assert.ok(result.ok, transcript);

      // 1. The same findings as the CLI, at the same places, with the same words.
      assert.deepEqual(fromLsp(dir, result.initial), cli);
      // 2. Hover documents the IPAM type; definition lands on the externalNetworks entry.
      assert.match(result.hover?.contents.value ?? '', /whereabouts/i);
      assert.deepEqual(
        (result.definition ?? []).map((d) => [d.uri, d.range.start.line]),
        [[pathToFileURL(path.join(dir, '.multus-networks.yaml')).href, 11]],
      );
      // 3. Neovim 0.7 registers nothing dynamically; the server watched the folder itself.
      assert.deepEqual(result.registrations, []);
      assert.ok(result.afterWriteSeen, transcript);
      const after = fromLsp(dir, result.afterWrite).filter((l) => l.startsWith('nads.yaml:'));
      assert.ok(
        after.some((l) => / warning nad\/duplicate /.test(l)),
        `no nad/duplicate after writing a copy on disk:\n${after.join('\n')}\n${transcript}`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
