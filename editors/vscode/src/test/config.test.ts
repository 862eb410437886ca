import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { minimatch } from 'minimatch';
import {
  TERRAFORM_FILES,
  clientOptions,
  initializationOptions,
  readSettings,
  serverExecutable,
  type SettingReader,
} from '../config';

function reader(values: Record<string, unknown>): SettingReader {
  return (key) => values[key];
}

test('unset settings start `tfkms lsp` from PATH with no variables', () => {
  const { settings, problems } = readSettings(reader({}));
  assert.deepEqual(problems, []);
  assert.deepEqual(serverExecutable(settings, undefined), { command: 'tfkms', args: ['lsp'] });
  assert.deepEqual(initializationOptions(settings), { varFiles: [], vars: {} });
});

test('the initialization options carry exactly the two fields the server reads', () => {
  const { settings } = readSettings(
    reader({ path: '/opt/tfkms', varFiles: ['env/prod.tfvars'], vars: { region: 'eu-west-1' } }),
  );
  assert.deepEqual(clientOptions(settings).initializationOptions, {
    varFiles: ['env/prod.tfvars'],
    vars: { region: 'eu-west-1' },
  });
});

test('values of the wrong type are left out, each with the setting named', () => {
  const { settings, problems } = readSettings(
    reader({ path: 7, varFiles: ['a.tfvars', 3, ''], vars: { region: 'eu-west-1', count: 3 } }),
  );
  assert.deepEqual(settings, { path: 'tfkms', varFiles: ['a.tfvars'], vars: { region: 'eu-west-1' } });
  assert.deepEqual(problems, [
    { setting: 'tfkms.path', message: 'must be a string, not number 7; using "tfkms"' },
    { setting: 'tfkms.varFiles[1]', message: 'must be a path, not number 3; left out' },
    { setting: 'tfkms.varFiles[2]', message: 'must be a path, not string ""; left out' },
    {
      setting: 'tfkms.vars.count',
      message: 'must be a string as on the command line (--var count=...), not number 3; left out',
    },
  ]);
});

test('a whole setting of the wrong shape is named too', () => {
  const { settings, problems } = readSettings(reader({ varFiles: 'prod.tfvars', vars: ['a=b'] }));
  assert.deepEqual(settings, { path: 'tfkms', varFiles: [], vars: {} });
  assert.deepEqual(
    problems.map((p) => p.setting),
    ['tfkms.varFiles', 'tfkms.vars'],
  );
});

test('a relative path with a directory is taken from the workspace folder', () => {
  const folder = path.resolve('/work/infra');
  const exec = (p: string) => serverExecutable(readSettings(reader({ path: p })).settings, folder);
  assert.equal(exec('./target/debug/tfkms').command, path.join(folder, 'target/debug/tfkms'));
  assert.equal(exec('tfkms').command, 'tfkms', 'a bare name is looked up on PATH');
  assert.equal(exec('/usr/local/bin/tfkms').command, '/usr/local/bin/tfkms');
  assert.deepEqual(exec('tfkms').options, { cwd: folder });
});

test('the document selector takes every Terraform file the server scans, and no other', () => {
  const selector = clientOptions(readSettings(reader({})).settings).documentSelector;
  assert.deepEqual(selector, [{ scheme: 'file', pattern: TERRAFORM_FILES }]);
  const taken = (file: string) => minimatch(file, TERRAFORM_FILES, { dot: true });
  for (const file of [
    '/w/main.tf',
    '/w/modules/key/main.tf.json',
    '/w/main.tofu',
    '/w/main.tofu.json',
    '/w/prod.tfvars',
    '/w/env/prod.tfvars.json',
    '/w/.hidden/x.tf',
  ]) {
    assert.ok(taken(file), `${file} should be sent to the server`);
  }
  for (const file of ['/w/package.json', '/w/terraform.tfstate', '/w/main.tf.bak', '/w/tf', '/w/x.json']) {
    assert.ok(!taken(file), `${file} should not be sent to the server`);
  }
});
