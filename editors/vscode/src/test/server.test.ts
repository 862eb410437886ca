// The command and initialization options the extension builds, given to the
// real `tfkms lsp` (TFKMS_BIN) over a JSON-RPC connection like the one
// vscode-languageclient opens: the server must start with them and read the
// variables they carry. Only VS Code's own window is not in the loop.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { initializationOptions, readSettings, serverExecutable } from '../config';

const ALIAS_ARN = 'arn:aws:kms:us-east-1:111122223333:alias/app';

interface Diagnostic {
  range: { start: { line: number; character: number } };
  code?: string | number;
  source?: string;
}

interface Published {
  uri: string;
  diagnostics: Diagnostic[];
}

let workspace: string;

before(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tfkms-vscode-'));
  fs.writeFileSync(
    path.join(workspace, 'main.tf'),
    [
      'variable "key_arn" {',
      '  type = string',
      '}',
      '',
      'data "aws_iam_policy_document" "decrypt" {',
      '  statement {',
      '    actions   = ["kms:Decrypt"]',
      '    resources = [var.key_arn]',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  fs.mkdirSync(path.join(workspace, 'env'));
  fs.writeFileSync(path.join(workspace, 'env', 'prod.tfvars'), `key_arn = "${ALIAS_ARN}"\n`);
});

after(() => fs.rmSync(workspace, { recursive: true, force: true }));

function tfkmsBinary(): string {
  const binary = process.env['TFKMS_BIN'];
  assert.ok(binary, 'set TFKMS_BIN to a built tfkms (scripts/vscode-check.sh does)');
  return path.resolve(binary);
}

/**
 * Starts the server the way the extension would for `settings`, waits for
 * the diagnostics of the first scan and shuts it down.
 */
async function firstScan(settings: Record<string, unknown>): Promise<Map<string, string[]>> {
  const { settings: checked, problems } = readSettings((key) => ({ path: tfkmsBinary(), ...settings })[key]);
  assert.deepEqual(problems, []);
  const executable = serverExecutable(checked, workspace);
  const server: ChildProcess = spawn(executable.command, executable.args ?? [], {
    cwd: executable.options?.cwd,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  assert.ok(server.stdout && server.stdin);
  const connection: MessageConnection = createMessageConnection(
    new StreamMessageReader(server.stdout),
    new StreamMessageWriter(server.stdin),
  );
  const published = new Map<string, string[]>();
  const firstDiagnostics = new Promise<void>((resolve) => {
    connection.onNotification('textDocument/publishDiagnostics', (params: Published) => {
      const file = path.relative(workspace, new URL(params.uri).pathname);
      published.set(
        file,
        params.diagnostics.map(
          (d) => `${String(d.code)} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.source}`,
        ),
      );
      resolve();
    });
  });
  connection.listen();
  try {
    const folder = pathToFileURL(workspace).href;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: 'infra' }],
      capabilities: {},
      initializationOptions: initializationOptions(checked),
    });
    await connection.sendNotification('initialized', {});
    await withTimeout(firstDiagnostics, 30_000, 'no diagnostics within 30 s');
    // One scan publishes every file it has findings for in one burst.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } finally {
    connection.dispose();
    server.kill();
  }
  return published;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

test('with no settings the variable is unknown and the server says where it stopped', async () => {
  const published = await firstScan({});
  assert.deepEqual(published.get('main.tf'), ['TFKMS010 8:18 tfkms']);
});

test('tfkms.varFiles reaches the server as --var-file would', async () => {
  const published = await firstScan({ varFiles: ['env/prod.tfvars'] });
  assert.deepEqual(published.get(path.join('env', 'prod.tfvars')), ['TFKMS001 1:11 tfkms']);
  assert.deepEqual(published.get('main.tf') ?? [], []);
});

test('tfkms.vars reaches the server as --var would', async () => {
  const published = await firstScan({ vars: { key_arn: ALIAS_ARN } });
  const codes = [...published.values()].flat().map((d) => d.split(' ')[0]);
  assert.deepEqual(codes, ['TFKMS001']);
});
