/**
 * What can be checked of the compose stack's Prometheus and Grafana without their images (no
 * registry answers here): Prometheus's own checker accepts the configuration compose mounts, and
 * Grafana's provisioning parses and points at files and services that exist.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { PROMTOOL, requireSystem } from '../scripts/test-support/require-system';
import { REPO_ROOT } from '../grading/harness/repo-root';

const run = promisify(execFile);
const readYaml = (file: string): Record<string, unknown> =>
  parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as Record<string, unknown>;

interface Service {
  image?: string;
  command?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
}
const compose = readYaml('docker-compose.yml') as { services: Record<string, Service> };

/** The host path (relative to the repository) that compose mounts at `target` in `service`. */
function mountedAt(service: string, target: string): string {
  const volume = (compose.services[service]?.volumes ?? []).find((v) => v.split(':')[1] === target);
  assert.ok(volume, `compose mounts nothing at ${target} in ${service}`);
  return path.normalize(volume.split(':')[0]);
}

describe('Prometheus configuration (checked by promtool)', function () {
  this.timeout(30_000);
  before(async function () {
    await requireSystem(this, PROMTOOL);
  });

  it('promtool check config accepts the file compose mounts', async () => {
    const config = mountedAt('prometheus', '/etc/prometheus/prometheus.yml');
    const { stdout } = await run('promtool', ['check', 'config', path.join(REPO_ROOT, config)], { timeout: 20_000 });
    assert.match(stdout, /SUCCESS/);
  });

  it('compose starts Prometheus with that file', () => {
    assert.ok(compose.services.prometheus?.command?.includes('--config.file=/etc/prometheus/prometheus.yml'));
  });
});

describe('Grafana provisioning', () => {
  let provisioning = '';
  let dashboards = '';
  before(() => {
    provisioning = mountedAt('grafana', '/etc/grafana/provisioning');
    dashboards = mountedAt('grafana', '/var/lib/grafana/dashboards');
  });

  it('the data source is the compose prometheus service, on the port Prometheus listens on', () => {
    const file = readYaml(path.join(provisioning, 'datasources', 'prometheus.yml')) as {
      apiVersion: number;
      datasources: Array<{ uid: string; type: string; url: string; isDefault?: boolean }>;
    };
    assert.equal(file.apiVersion, 1);
    const [source] = file.datasources;
    assert.equal(source?.type, 'prometheus');
    assert.equal(source.isDefault, true);
    const url = new URL(source.url);
    assert.ok(url.hostname in compose.services, `${url.hostname} is not a compose service`);
    assert.equal(url.port, '9090');
  });

  it('the dashboard provider reads the folder compose mounts the dashboards into', () => {
    const file = readYaml(path.join(provisioning, 'dashboards', 'dashboards.yml')) as {
      apiVersion: number;
      providers: Array<{ type: string; options: { path: string } }>;
    };
    assert.equal(file.apiVersion, 1);
    assert.deepEqual(
      file.providers.map((p) => [p.type, p.options.path]),
      [['file', '/var/lib/grafana/dashboards']],
    );
  });

  it('every dashboard parses, has a uid and a title, and queries the provisioned data source', () => {
    const sourceUid = (readYaml(path.join(provisioning, 'datasources', 'prometheus.yml')) as { datasources: Array<{ uid: string }> })
      .datasources[0]?.uid;
    const files = readdirSync(path.join(REPO_ROOT, dashboards)).filter((f) => f.endsWith('.json'));
    assert.ok(files.length > 0, `no dashboard in ${dashboards}`);
    for (const name of files) {
      const board = JSON.parse(readFileSync(path.join(REPO_ROOT, dashboards, name), 'utf8')) as {
        uid?: string;
        title?: string;
        panels: Array<{ title: string; datasource?: { uid: string } }>;
      };
      assert.ok(board.uid && board.title, `${name} lacks a uid or a title`);
      for (const panel of board.panels)
        assert.equal(panel.datasource?.uid, sourceUid, `panel "${panel.title}" of ${name} does not use the provisioned data source`);
    }
  });

  it('the home dashboard compose names is one of the mounted dashboards', () => {
    const home = compose.services.grafana?.environment?.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH ?? '';
    assert.match(home, /^\/var\/lib\/grafana\/dashboards\//);
    assert.ok(existsSync(path.join(REPO_ROOT, dashboards, path.basename(home))), `${home} is not in ${dashboards}`);
  });
});
