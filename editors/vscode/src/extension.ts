import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/node';
import { RESTART_SETTINGS, clientOptions, readSettings, serverExecutable } from './config';

let output: vscode.LogOutputChannel;
let client: LanguageClient | undefined;
// Start, stop and restart run one after another: a restart asked for while
// the server is still starting must not leave two servers running.
let lifecycle: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('tfkms', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('tfkms.restartServer', () => queue(restart)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (RESTART_SETTINGS.some((setting) => event.affectsConfiguration(setting))) {
        void queue(restart);
      }
    }),
  );
  return queue(start);
}

export function deactivate(): Promise<void> {
  return queue(stop);
}

function queue(step: () => Promise<void>): Promise<void> {
  lifecycle = lifecycle.then(step, step);
  return lifecycle;
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function start(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const configuration = vscode.workspace.getConfiguration('tfkms', folder?.uri);
  const { settings, problems } = readSettings((key) => configuration.get(key));
  for (const problem of problems) {
    output.warn(`setting ${problem.setting} ${problem.message}`);
    void vscode.window.showWarningMessage(`tfkms: setting ${problem.setting} ${problem.message}.`);
  }
  const executable = serverExecutable(settings, folder?.uri.fsPath);
  output.info(`starting ${executable.command} ${(executable.args ?? []).join(' ')}`);
  const options: LanguageClientOptions = {
    ...clientOptions(settings),
    outputChannel: output,
    traceOutputChannel: output,
  };
  const candidate = new LanguageClient('tfkms', 'tfkms', executable, options);
  try {
    await candidate.start();
    client = candidate;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    output.error(`cannot start ${executable.command}: ${reason}`);
    const choice = await vscode.window.showErrorMessage(
      `tfkms: cannot start \`${executable.command} lsp\` (${reason}). ` +
        'Install tfkms, or set tfkms.path to the tfkms executable.',
      'Open Settings',
    );
    if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'tfkms.path');
    }
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    await running.stop();
  }
}
