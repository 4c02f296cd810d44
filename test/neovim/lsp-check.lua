-- Drives the multus-networks language server from Neovim (0.7+: vim.lsp.start_client), headless.
-- Reads a JSON request (path in $MN_REQUEST): { cmd, root, open: [files], hover: {file, line,
-- character}, definition: {...}, write: {file, text, expectQuiet}, out }. Writes what it saw to
-- `out` as JSON: the diagnostics published per URI, hover and definition answers, and the
-- diagnostics after a file was written on disk behind the editor's back.
local req = vim.json.decode(table.concat(vim.fn.readfile(os.getenv('MN_REQUEST')), '\n'))
local log = {}
local t0 = vim.loop.hrtime()
local function note(s) table.insert(log, string.format('%7.3f s  %s', (vim.loop.hrtime() - t0) / 1e9, s)) end

local root_uri = vim.uri_from_fname(req.root)
local diagnostics = {}
local publishes = 0
local last_publish = vim.loop.hrtime()
local registrations = {}

local client_id = vim.lsp.start_client({
  name = 'multus-networks',
  cmd = req.cmd,
  root_dir = req.root,
  workspace_folders = { { uri = vim.uri_from_fname(req.root), name = 'fixture' } },
  settings = req.settings or vim.empty_dict(),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(_, result)
      diagnostics[result.uri] = result.diagnostics
      publishes = publishes + 1
      last_publish = vim.loop.hrtime()
      local codes = {}
      for _, d in ipairs(result.diagnostics) do table.insert(codes, d.code) end
      note('publishDiagnostics ' .. result.uri:sub(#root_uri + 2) .. ': ' .. table.concat(codes, ', '))
    end,
    ['client/registerCapability'] = function(_, result)
      for _, r in ipairs(result.registrations or {}) do table.insert(registrations, r.method) end
      return vim.NIL
    end,
  },
})
assert(client_id, 'the language server did not start')
note('started client ' .. client_id)

local buffers = {}
for _, file in ipairs(req.open) do
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  buffers[file] = bufnr
end

--- Waits until every opened file has diagnostics and nothing was published for `quiet_ms`.
local function settle(quiet_ms, timeout_ms)
  return vim.wait(timeout_ms, function()
    for _, file in ipairs(req.open) do
      if diagnostics[vim.uri_from_fname(file)] == nil then return false end
    end
    return (vim.loop.hrtime() - last_publish) / 1e6 > quiet_ms
  end, 20)
end

local out = { ok = settle(1500, 30000) }
note('settled: ' .. tostring(out.ok))
out.initial = vim.deepcopy(diagnostics)

local client = vim.lsp.get_client_by_id(client_id)
out.serverInfo = client.server_capabilities and vim.tbl_keys(client.server_capabilities) or {}

local function ask(method, at)
  if not at then return nil end
  local bufnr = buffers[at.file]
  local r = client.request_sync(method, {
    textDocument = { uri = vim.uri_from_fname(at.file) },
    position = { line = at.line, character = at.character },
  }, 10000, bufnr)
  local summary = ' failed'
  if r and r.err == nil and r.result then
    if r.result.contents then
      summary = ': ' .. (r.result.contents.value or ''):gsub('\n.*', '')
    elseif r.result[1] then
      summary = ': ' .. r.result[1].uri:sub(#root_uri + 2) .. ' line ' .. (r.result[1].range.start.line + 1)
    end
  end
  note(method .. summary)
  return r and r.result or vim.NIL
end
out.hover = ask('textDocument/hover', req.hover)
out.definition = ask('textDocument/definition', req.definition)

if req.write then
  -- A file created on disk, not through the editor: the server must notice it by itself.
  local before = publishes
  vim.fn.writefile(vim.split(req.write.text, '\n'), req.write.file)
  note('wrote ' .. req.write.file:sub(#req.root + 2) .. ' on disk (not through the editor)')
  out.afterWriteSeen = vim.wait(15000, function() return publishes > before end, 20)
  settle(1000, 15000)
  out.afterWrite = vim.deepcopy(diagnostics)
end

out.registrations = registrations
out.log = log
vim.fn.writefile({ vim.json.encode(out) }, req.out)
vim.lsp.stop_client(client_id)
vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
vim.cmd('qa!')
