// Shared helpers for the integration tests (they run inside the VS Code extension host).
'use strict';
const assert = require('assert');
const vscode = require('vscode');

const EXT_ID = 'multus-networks.multus-networks';
const SOURCE = 'multus-networks';

/**
 * Polls `predicate` (sync or async) every 50 ms until it returns a truthy value, which is returned.
 * `what` (a string, or a function giving one) names the awaited condition in the timeout error.
 */
async function waitFor(predicate, timeoutMs = 20_000, what = 'condition') {
  const end = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const v = await predicate();
      if (v) return v;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > end) {
      const label = typeof what === 'function' ? what() : what;
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${label}${lastError ? ` (last error: ${lastError.message})` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function workspaceRoot() {
  const folders = vscode.workspace.workspaceFolders;
  assert.ok(folders && folders.length, 'a workspace folder is open');
  return folders[0].uri;
}

function wsUri(rel) {
  return vscode.Uri.joinPath(workspaceRoot(), ...rel.split('/'));
}

async function openYaml(rel) {
  const doc = await vscode.workspace.openTextDocument(wsUri(rel));
  await vscode.window.showTextDocument(doc, { preview: false });
  assert.strictEqual(doc.languageId, 'yaml', `${rel} opens as YAML`);
  return doc;
}

function extension() {
  const ext = vscode.extensions.getExtension(EXT_ID);
  assert.ok(ext, `extension ${EXT_ID} is installed`);
  return ext;
}

/** The extension's API once its language server runs. */
async function activated() {
  const ext = extension();
  const api = ext.isActive ? ext.exports : await ext.activate();
  assert.ok(api && api.client, 'activate() returns { client, ready }');
  await api.ready;
  return api;
}

/** The rule id of a diagnostic: `code` is `{ value, target }` (with a doc link) or a plain string. */
function ruleId(d) {
  if (d.code && typeof d.code === 'object') return String(d.code.value);
  return d.code === undefined ? undefined : String(d.code);
}

/** Our diagnostics for a document, optionally only one rule's. */
function ours(uri, rule) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && (!rule || ruleId(d) === rule));
}

function show(diags) {
  if (!diags.length) return '(none)';
  return diags
    .map(
      (d) =>
        `${ruleId(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${vscode.DiagnosticSeverity[d.severity]} "${d.message}"`,
    )
    .join('; ');
}

/** Waits until `rule`'s diagnostics in `uri` number `count` (all of ours when rule is undefined). */
function waitForDiagnostics(uri, rule, count, timeoutMs = 20_000) {
  return waitFor(
    () => {
      const d = ours(uri, rule);
      return (count === undefined ? d.length > 0 : d.length === count) && d;
    },
    timeoutMs,
    () =>
      `${count ?? 'some'} ${rule ?? 'multus-networks'} diagnostic(s) in ${vscode.workspace.asRelativePath(uri)}; have ${show(ours(uri))}`,
  );
}

/** Every position of `needle` in a document. */
function positionsOf(doc, needle) {
  const text = doc.getText();
  const out = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push(doc.positionAt(i));
  return out;
}

function fullRange(doc) {
  return new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
}

async function replaceAll(doc, text) {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, fullRange(doc), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'edit applied');
}

/** Puts the text back and saves, so that no dirty editor is left behind. */
async function restore(doc, text) {
  if (doc.getText() !== text) await replaceAll(doc, text);
  if (doc.isDirty) await doc.save();
}

async function setSetting(key, value) {
  await vscode.workspace.getConfiguration('multusNetworks').update(key, value, vscode.ConfigurationTarget.Global);
}

module.exports = {
  EXT_ID,
  SOURCE,
  activated,
  extension,
  fullRange,
  openYaml,
  ours,
  positionsOf,
  replaceAll,
  restore,
  ruleId,
  setSetting,
  show,
  waitFor,
  waitForDiagnostics,
  workspaceRoot,
  wsUri,
};
