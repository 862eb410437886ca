// How the extension turns its settings into the command that starts
// `tfkms lsp` and the options the client sends it. Kept free of the `vscode`
// module (types only) so node's test runner can check it outside VS Code.
import * as path from 'node:path';
import type { Executable, LanguageClientOptions } from 'vscode-languageclient/node';

/** Every file the server scans; the same set `tfkms lsp` watches. */
export const TERRAFORM_FILES = '**/*.{tf,tofu,tfvars,tf.json,tofu.json,tfvars.json}';

/** The `tfkms.*` settings, checked. */
export interface Settings {
  path: string;
  varFiles: string[];
  vars: Record<string, string>;
}

/**
 * What `tfkms lsp` reads from `initializationOptions` (`Settings` in
 * crates/tfkms/src/lsp/mod.rs). The server refuses unknown fields and
 * values of the wrong type, and then does not start at all, so nothing else
 * may go in and every value is checked here first.
 */
export interface InitializationOptions {
  varFiles: string[];
  vars: Record<string, string>;
}

/** A setting that was ignored, and why: shown to the user. */
export interface SettingProblem {
  setting: string;
  message: string;
}

/** Reads one setting; `vscode.WorkspaceConfiguration.get` in the extension. */
export type SettingReader = (key: string) => unknown;

/**
 * Checks the raw settings. A wrong value is left out with a problem saying
 * so, rather than passed on to a server that would refuse to start.
 */
export function readSettings(read: SettingReader): { settings: Settings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  return {
    settings: {
      path: readPath(read('path'), problems),
      varFiles: readVarFiles(read('varFiles'), problems),
      vars: readVars(read('vars'), problems),
    },
    problems,
  };
}

function readPath(raw: unknown, problems: SettingProblem[]): string {
  if (raw === undefined || raw === null || raw === '') {
    return 'tfkms';
  }
  if (typeof raw !== 'string') {
    problems.push({ setting: 'tfkms.path', message: `must be a string, not ${describe(raw)}; using "tfkms"` });
    return 'tfkms';
  }
  return raw;
}

function readVarFiles(raw: unknown, problems: SettingProblem[]): string[] {
  if (raw === undefined || raw === null) {
    return [];
  }
  if (!Array.isArray(raw)) {
    problems.push({ setting: 'tfkms.varFiles', message: `must be a list of paths, not ${describe(raw)}` });
    return [];
  }
  const files: string[] = [];
  raw.forEach((file: unknown, index) => {
    if (typeof file === 'string' && file !== '') {
      files.push(file);
    } else {
      problems.push({
        setting: `tfkms.varFiles[${index}]`,
        message: `must be a path, not ${describe(file)}; left out`,
      });
    }
  });
  return files;
}

function readVars(raw: unknown, problems: SettingProblem[]): Record<string, string> {
  if (raw === undefined || raw === null) {
    return {};
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ setting: 'tfkms.vars', message: `must be an object of NAME: "VALUE", not ${describe(raw)}` });
    return {};
  }
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    // `--var NAME=VALUE` takes text: `tfkms scan` parses it by the
    // variable's type, so a number must be written as "3" here too.
    if (typeof value === 'string') {
      vars[name] = value;
    } else {
      problems.push({
        setting: `tfkms.vars.${name}`,
        message: `must be a string as on the command line (--var ${name}=...), not ${describe(value)}; left out`,
      });
    }
  }
  return vars;
}

function describe(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * The command that starts the server. A relative path with a directory in
 * it (`./target/debug/tfkms`) is taken from the workspace folder, since the
 * extension host's own working directory means nothing to the user.
 */
export function serverExecutable(settings: Settings, workspaceFolder: string | undefined): Executable {
  let command = settings.path;
  if (workspaceFolder !== undefined && !path.isAbsolute(command) && /[\\/]/.test(command)) {
    command = path.resolve(workspaceFolder, command);
  }
  const executable: Executable = { command, args: ['lsp'] };
  if (workspaceFolder !== undefined) {
    // The server scans the folder it is started in when the client names
    // no workspace folder (a single file opened on its own).
    executable.options = { cwd: workspaceFolder };
  }
  return executable;
}

export function initializationOptions(settings: Settings): InitializationOptions {
  return { varFiles: [...settings.varFiles], vars: { ...settings.vars } };
}

/** The client options, less the output channel that only VS Code can make. */
export function clientOptions(settings: Settings): LanguageClientOptions {
  return {
    documentSelector: [{ scheme: 'file', pattern: TERRAFORM_FILES }],
    initializationOptions: initializationOptions(settings),
  };
}

/** Settings whose change needs a new server: it reads them only at start. */
export const RESTART_SETTINGS = ['tfkms.path', 'tfkms.varFiles', 'tfkms.vars'] as const;
