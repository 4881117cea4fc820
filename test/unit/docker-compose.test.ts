import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '@jiebang/config';
import { SEARCH_ATTRIBUTES } from '@jiebang/contracts/search-attributes';
import { DEFAULT_HISTORY_SHARDS, TEMPORAL_SERVER_VERSION } from '@jiebang/devstack/temporal-server';

const ROOT = join(__dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string };
  command?: string[] | string;
  entrypoint?: string[] | string;
  environment?: Record<string, string | number | boolean | null>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
  ports?: string[];
}

// Merge keys (`<<: *jiebang-app`), as Docker Compose reads them.
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const dockerfile = DockerfileParser.parse(read('Dockerfile'));
/** The replicas of each application, as npm run start:cluster runs them. */
const APPS = ['api-1', 'api-2', 'worker-1', 'worker-2'] as const;
const kindOf = (app: string) => app.replace(/-\d+$/, '');
/** What every app reads (libs/config); compose must set each one rather than rely on defaults made for a laptop. */
const APP_VARIABLES = ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE', 'PORT'];

const environmentOf = (name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(services[name]?.environment ?? {}).map(([key, value]) => [key, String(value)]));
const asList = (value: string[] | string | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
/** An instruction's arguments, flags (`--from=build`) left out. */
const argumentsOf = (instruction: Instruction): string[] => instruction.getArguments().map((arg) => arg.getValue());

/** Where tsc puts the JavaScript of a source file, per tsconfig.json's rootDir and outDir. */
function builtPath(source: string): string {
  const { compilerOptions } = JSON.parse(read('tsconfig.json')) as {
    compilerOptions: { outDir: string; rootDir: string };
  };
  return posix.join(compilerOptions.outDir, posix.relative(compilerOptions.rootDir, source)).replace(/\.ts$/, '.js');
}

describe('docker-compose.yml', () => {
  it('runs Postgres, the schema job, Temporal with its UI and admin tools, two workers and two APIs behind one proxy', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining([
        'postgres',
        'temporal-schema',
        'temporal',
        'temporal-admin-tools',
        'temporal-ui',
        ...APPS,
        'proxy',
      ]),
    );
    expect(services.postgres?.image).toMatch(/^postgres:16/);
    expect(services['temporal-ui']?.ports).toContain('8233:8080');
    expect(services.proxy?.ports).toContain('3000:3000');
    for (const app of APPS) expect(services[app]?.ports, app).toBeUndefined();
  });

  it('runs the Temporal server and schema tool of the version npm run start:cluster builds', () => {
    expect(services.temporal?.image).toBe(`temporalio/server:${TEMPORAL_SERVER_VERSION}`);
    for (const job of ['temporal-schema', 'temporal-admin-tools'])
      expect(services[job]?.image, job).toBe(`temporalio/admin-tools:${TEMPORAL_SERVER_VERSION}`);
    expect(Number(environmentOf('temporal').NUM_HISTORY_SHARDS)).toBe(DEFAULT_HISTORY_SHARDS);
  });

  it('sets up both Temporal databases with the schema tool before the server starts', () => {
    const script = [
      ...asList(services['temporal-schema']?.entrypoint),
      ...asList(services['temporal-schema']?.command),
    ].join('\n');
    for (const database of ['temporal', 'temporal_visibility']) {
      expect(script).toContain(`temporal-sql-tool --db ${database} setup-schema -v 0.0`);
      expect(script).toMatch(new RegExp(`temporal-sql-tool --db ${database} update-schema -d \\S+/versioned`));
    }
    expect(environmentOf('temporal-schema')).toMatchObject({ SQL_PLUGIN: 'postgres12', SQL_HOST: 'postgres' });
    expect(services.temporal?.depends_on).toMatchObject({
      'temporal-schema': { condition: 'service_completed_successfully' },
    });
  });

  it('sends the proxy to both API instances', () => {
    const command = asList(services.proxy?.command);
    expect(command[1]).toBe(builtPath('libs/devstack/src/proxy-main.ts'));
    expect(existsSync(join(ROOT, 'libs/devstack/src/proxy-main.ts'))).toBe(true);
    expect(environmentOf('proxy').API_UPSTREAMS.split(',')).toEqual(['api-1:3000', 'api-2:3000']);
  });

  it('keeps Temporal on the compose Postgres', () => {
    expect(environmentOf('temporal')).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres', DB_PORT: '5432' });
  });

  it.each(APPS)('builds the %s from the repository Dockerfile', (app) => {
    expect(services[app]?.build).toMatchObject({ context: '.', dockerfile: 'Dockerfile' });
    expect(existsSync(join(ROOT, 'Dockerfile'))).toBe(true);
  });

  it.each(APPS)('gives the %s every variable it needs, with values its config accepts', (app) => {
    const environment = environmentOf(app);
    expect(Object.keys(environment)).toEqual(expect.arrayContaining(APP_VARIABLES));
    const config = loadConfig(environment);

    const database = new URL(config.DATABASE_URL);
    const postgres = environmentOf('postgres');
    expect(database.hostname).toBe('postgres');
    expect({ user: database.username, password: database.password, name: database.pathname.slice(1) }).toEqual({
      user: postgres.POSTGRES_USER,
      password: postgres.POSTGRES_PASSWORD,
      name: postgres.POSTGRES_DB,
    });
    expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('gives every API and worker the same Temporal namespace and task queue', () => {
    const environments = APPS.map(environmentOf);
    expect(new Set(environments.map((environment) => environment.TEMPORAL_NAMESPACE)).size).toBe(1);
    expect(new Set(environments.map((environment) => environment.TEMPORAL_TASK_QUEUE)).size).toBe(1);
  });

  it('starts the apps only once Postgres is healthy and the search attributes are registered', () => {
    for (const app of APPS) {
      expect(services[app]?.depends_on).toMatchObject({
        postgres: { condition: 'service_healthy' },
        'temporal-admin-tools': { condition: 'service_completed_successfully' },
      });
    }
    expect(services['temporal-admin-tools']?.depends_on).toMatchObject({ temporal: { condition: 'service_started' } });
    for (const name of ['postgres', 'api-1', 'api-2', 'proxy'])
      expect(services[name]?.healthcheck?.test, name).toBeDefined();
  });

  it('registers exactly the search attributes of libs/contracts', () => {
    const script = [
      ...asList(services['temporal-admin-tools']?.entrypoint),
      ...asList(services['temporal-admin-tools']?.command),
    ].join('\n');
    const registered = [...script.matchAll(/search-attribute create\b[^\n]*?--name (\w+) --type (\w+)/g)].map(
      ([, name, type]) => ({ name, type }),
    );
    expect(registered).toEqual(expect.arrayContaining([...SEARCH_ATTRIBUTES]));
    expect(registered).toHaveLength(SEARCH_ATTRIBUTES.length);
  });
});

describe('Dockerfile', () => {
  const instructions = dockerfile.getInstructions();
  /** Instructions of the build stage: those before the second FROM. */
  const buildSteps = instructions.filter(
    (instruction) => instruction.getRange().start.line < (dockerfile.getFROMs()[1]?.getRange().start.line ?? Infinity),
  );

  it('builds from node 20 in stages', () => {
    const stages = dockerfile
      .getFROMs()
      .map((from) => [from.getImageName(), from.getImageTag()?.split('-')[0], from.getBuildStage()]);
    expect(stages).toEqual([
      ['node', '20', 'build'],
      ['node', '20', 'runtime'],
    ]);
  });

  it('installs the locked dependencies before it copies the sources', () => {
    const steps = buildSteps.map((instruction) => [instruction.getKeyword(), ...argumentsOf(instruction)]);
    const install = steps.findIndex(
      ([keyword, command, verb]) => keyword === 'RUN' && command === 'npm' && ['ci', 'install'].includes(verb!),
    );
    const lock = steps.findIndex(([keyword, ...args]) => keyword === 'COPY' && args.includes('package-lock.json'));
    const sources = steps.findIndex(([keyword, source]) => keyword === 'COPY' && source === 'apps');
    expect(lock).toBeGreaterThanOrEqual(0);
    expect(install).toBeGreaterThan(lock);
    expect(sources).toBeGreaterThan(install);
  });

  it('copies every source folder the build compiles', () => {
    const { include } = JSON.parse(read('tsconfig.build.json')) as { include: string[] };
    const copied = buildSteps.filter((instruction) => instruction.getKeyword() === 'COPY').map(argumentsOf);
    for (const folder of include) expect(copied, folder).toContainEqual([folder, `./${folder}`]);
  });

  it("copies the tsconfig files the build reads, and makes the libraries' names relative for plain node", () => {
    const copied = buildSteps.filter((instruction) => instruction.getKeyword() === 'COPY').flatMap(argumentsOf);
    for (let config: string | undefined = 'tsconfig.build.json'; config; ) {
      expect(copied, config).toContain(config);
      const { extends: parent } = JSON.parse(read(config)) as { extends?: string };
      config = parent && posix.normalize(parent);
    }
    // The compiled files require '@jiebang/contracts' and the like until tsc-alias rewrites them.
    const commands = buildSteps
      .filter((instruction) => instruction.getKeyword() === 'RUN')
      .flatMap((instruction) => argumentsOf(instruction).join(' ').split('&&'))
      .map((command) => command.trim());
    const compile = commands.indexOf('npx tsc -p tsconfig.build.json');
    expect(compile).toBeGreaterThanOrEqual(0);
    expect(commands.indexOf('npx tsc-alias -p tsconfig.build.json')).toBe(compile + 1);
  });

  it('starts entry points that the build produces', () => {
    const [cmd] = dockerfile.getCMDs();
    expect(cmd).toBeDefined();
    const entryPoints = new Map<string, string>([
      ['image default', cmd?.getJSONStrings()[1]?.getJSONValue() ?? ''],
      ...APPS.map((app): [string, string] => [app, asList(services[app]?.command)[1] ?? '']),
    ]);
    for (const app of APPS) {
      const source = `apps/${kindOf(app)}/src/main.ts`;
      expect(existsSync(join(ROOT, source)), source).toBe(true);
      expect(entryPoints.get(app)).toBe(builtPath(source));
    }
    expect(entryPoints.get('image default')).toBe(builtPath('apps/api/src/main.ts'));
    expect(builtPath('apps/api/src/main.ts')).toBe('dist/apps/api/src/main.js');
    expect(builtPath('apps/worker/src/main.ts')).toBe('dist/apps/worker/src/main.js');
  });
});
