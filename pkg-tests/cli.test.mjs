// The command line: `portico serve` as a child process on a free port, its
// answers byte for byte, hot reload of the definition and the handlers (and a
// module they import), a broken definition or handler leaving the previous
// version serving, requests in flight finishing on the gateway they started
// on, and the usage errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { get, root, run, serve, sleep, stop, tempDir, until } from './cli-harness.mjs';

test('serve answers as API Gateway, and serves the playground and the harness files', async () => {
  const server = await serve(['examples/ml-model/openapi.json', '--handlers', 'examples/ml-model/handlers.mjs', '--port', '0', '--stage', 'dev']);
  assert.match(server.api, /^http:\/\/127\.0\.0\.1:\d+\/dev\/$/);
  assert.doesNotMatch(server.api, /:0\//);

  const api = await get(server.api);
  assert.equal(api.status, 200);
  assert.equal(api.text, '{"statusCode":200,"body":"\\"Our first API gateway test was a success!!\\""}');
  assert.equal(api.header('Content-Type'), 'application/json');
  assert.equal(api.header('Content-Length'), String(api.body.length));
  assert.ok(api.names.includes('x-amzn-RequestId'), `x-amzn-RequestId among ${api.names}`);
  assert.match(api.header('x-amzn-RequestId'), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

  const missing = await get(`${server.api}nowhere`);
  assert.equal(missing.status, 403);
  assert.equal(missing.text, '{"message":"Missing Authentication Token"}');
  assert.equal(missing.header('x-amzn-ErrorType'), 'MissingAuthenticationTokenException');

  const otherStage = await get(`${server.origin}/prod/`);
  assert.equal(otherStage.status, 403);
  assert.equal(otherStage.text, '{"message":"Forbidden"}');

  const page = await get(`${server.origin}/`);
  assert.equal(page.status, 200);
  assert.equal(page.header('Content-Type'), 'text/html; charset=utf-8');
  assert.deepEqual(page.body, await readFile(join(root, 'www', 'index.html')));

  const wasm = await get(`${server.origin}/pkg/portico_bg.wasm`);
  assert.equal(wasm.status, 200);
  assert.equal(wasm.header('Content-Type'), 'application/wasm');
  assert.deepEqual(wasm.body, await readFile(join(root, 'pkg', 'portico_bg.wasm')));

  const harness = await get(`${server.origin}/www/portico.mjs`);
  assert.equal(harness.status, 200);
  assert.equal(harness.header('Content-Type'), 'text/javascript');
  assert.deepEqual(harness.body, await readFile(join(root, 'www', 'portico.mjs')));

  assert.equal((await get(`${server.origin}/www/nothing.js`)).status, 404);
  assert.match(server.out.stdout, /Playground: http:\/\/127\.0\.0\.1:\d+\/\n/);
  assert.equal(server.out.stderr, '');

  await stop(server.child);
  assert.equal(await server.exited, 0, 'SIGTERM stops it cleanly');
});

const DEFINITION = (paths) => `openapi: 3.0.1
info:
  title: cli-test
  version: '1'
paths:
${paths}`;

const LAMBDA = (name) => `      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations
`;

const HELLO = `  /hello:
    get:
${LAMBDA('hello')}`;
const BYE = `  /bye:
    get:
${LAMBDA('bye')}`;
const CLASH = `  /x/{a}:
    get:
${LAMBDA('hello')}  /x/{b}:
    get:
${LAMBDA('hello')}`;

const HANDLERS = (greeting) => `import { word } from './lib/word.mjs';
export async function hello(event) {
  return { statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body: \`${greeting} \${word} \${event.stageVariables.who}\` };
}
export const bye = async () => ({ statusCode: 200, body: 'bye' });
`;

test('serve reloads the definition, the handlers and what they import; a broken one leaves the previous serving', async () => {
  const dir = await tempDir();
  await mkdir(join(dir, 'lib'));
  await writeFile(join(dir, 'api.yaml'), DEFINITION(HELLO));
  await writeFile(join(dir, 'handlers.mjs'), HANDLERS('hello'));
  await writeFile(join(dir, 'lib', 'word.mjs'), "export const word = 'world';\n");
  const server = await serve(['api.yaml', '--handlers', 'handlers.mjs', '--port', '0', '--stage', 'v1', '--stage-variables', 'who=cli,x=1'], { cwd: dir });
  assert.match(server.api, /\/v1\/$/);
  assert.match(server.out.stdout, /Watching api\.yaml, handlers\.mjs/);

  const hello = await get(`${server.api}hello`);
  assert.equal(hello.status, 200);
  assert.equal(hello.text, 'hello world cli');
  assert.equal(hello.header('Content-Type'), 'text/plain');
  assert.ok(hello.names.includes('x-amzn-RequestId'));

  const body = async (path) => (await get(`${server.api}${path}`)).text;
  const reloads = () => server.out.stdout.match(/ reloaded /g)?.length ?? 0;

  // A module the handlers import.
  await writeFile(join(dir, 'lib', 'word.mjs'), "export const word = 'there';\n");
  await until('the imported module to reload', async () => (await body('hello')) === 'hello there cli');
  await until('the reload line', () => /\d\d:\d\d:\d\d reloaded lib\/word\.mjs in \d+ ms\n/.test(server.out.stdout));

  // The handlers module itself.
  await writeFile(join(dir, 'handlers.mjs'), HANDLERS('howdy'));
  await until('the handlers to reload', async () => (await body('hello')) === 'howdy there cli');

  // The definition: a new resource.
  assert.equal((await get(`${server.api}bye`)).text, '{"message":"Missing Authentication Token"}');
  await writeFile(join(dir, 'api.yaml'), DEFINITION(HELLO + BYE));
  await until('the definition to reload', async () => (await body('bye')) === 'bye');
  await until('the reload line', () => / reloaded api\.yaml in \d+ ms\n/.test(server.out.stdout));

  // A definition that does not import: the error names the place, and the previous one keeps serving.
  const before = reloads();
  await writeFile(join(dir, 'api.yaml'), DEFINITION(HELLO + CLASH));
  await until('the import error', () => server.out.stderr.includes('reload failed'));
  assert.match(
    server.out.stderr,
    /\d\d:\d\d:\d\d reload failed, still serving the previous version: api\.yaml: invalid definition at \/paths\/~1x~1\{b\}: Unable to create resource at path '\/x\/\{b\}': A sibling \(\{a\}\) of this resource already has a variable path part -- only one is allowed\n/,
  );
  assert.equal(await body('bye'), 'bye');
  assert.equal(await body('hello'), 'howdy there cli');
  assert.equal(reloads(), before);

  // A handler module with a syntax error: the error names the file and line; the previous one keeps serving.
  server.out.stderr = '';
  await writeFile(join(dir, 'api.yaml'), DEFINITION(HELLO + BYE));
  await writeFile(join(dir, 'lib', 'word.mjs'), "export const word = 'oops' +;\n");
  await until('the syntax error', () => server.out.stderr.includes('SyntaxError'));
  assert.match(
    server.out.stderr,
    /reload failed, still serving the previous version: cannot import the handlers: lib\/word\.mjs:1: SyntaxError: Unexpected token ';'\n/,
  );
  assert.equal(await body('hello'), 'howdy there cli');

  // Fixed: the new version serves.
  await writeFile(join(dir, 'lib', 'word.mjs'), "export const word = 'again';\n");
  await until('the fixed handlers', async () => (await body('hello')) === 'howdy again cli');
  assert.equal(await body('bye'), 'bye');
});

test('a request in flight finishes on the gateway it started on', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'api.yaml'), DEFINITION(HELLO));
  const handler = (version, delay) => `export async function hello() {
  await new Promise((done) => setTimeout(done, ${delay}));
  return { statusCode: 200, body: '${version}' };
}
`;
  await writeFile(join(dir, 'handlers.mjs'), handler('old', 600));
  const server = await serve(['api.yaml', '--handlers', 'handlers.mjs', '--port', '0'], { cwd: dir });
  assert.match(server.api, /\/dev\/$/, 'the stage defaults to dev');

  const inFlight = get(`${server.api}hello`);
  await sleep(50);
  await writeFile(join(dir, 'handlers.mjs'), handler('new', 0));
  await until('the reload line', () => / reloaded handlers\.mjs in \d+ ms\n/.test(server.out.stdout));
  assert.equal((await get(`${server.api}hello`)).text, 'new');
  assert.equal((await inFlight).text, 'old');
});

test('a definition that does not import at startup exits 1 naming the place', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'api.yaml'), DEFINITION(CLASH));
  const { code, stdout, stderr } = await run(['serve', 'api.yaml', '--port', '0'], { cwd: dir });
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /^portico: api\.yaml: invalid definition at \/paths\/~1x~1\{b\}: /);
});

test('usage errors exit 2 and name the fix', async () => {
  const cases = [
    [[], /^portico: a command is needed\.\n\n.*Usage: portico <command>/s],
    [['serv', 'api.yaml'], /^portico: unknown command 'serv'; did you mean 'serve'\? Commands: serve, help, init \(run 'portico help'\)\.\n$/],
    [['serve'], /^portico: serve needs <definition>: portico serve <definition> \[--handlers file\]/],
    [['serve', 'a.yaml', 'b.yaml'], /^portico: unexpected argument 'b\.yaml' for serve: portico serve <definition>/],
    [
      ['serve', 'api.yaml', '--prot', '1'],
      /^portico: unknown option '--prot' for serve; did you mean '--port'\? Options: --handlers, --port, --host, --stage, --stage-variables, --quiet, --http-base, --http-map, --api, --parameter-overrides, --env-vars \(run 'portico help serve'\)\.\n$/,
    ],
    [['serve', 'api.yaml', '--port'], /^portico: option '--port' needs a value, as in '--port <value>' \(run 'portico help serve'\)\.\n$/],
    [['serve', 'api.yaml', '--port', '70000'], /^portico: --port must be a number from 0 to 65535 \(0 picks a free port\), not '70000'\.\n$/],
    [['serve', 'api.yaml', '--stage-variables', 'a-b=1'], /^portico: --stage-variables takes name=value pairs separated by commas/],
    [['serve', 'api.yaml', '--stage', 'a/b'], /^portico: --stage takes letters, digits, - and _/],
    [['help', 'nothing'], /^portico: unknown command 'nothing'\. Commands: serve, help/],
  ];
  const results = await Promise.all(cases.map(([args]) => run(args)));
  for (const [i, [args, message]] of cases.entries()) {
    assert.equal(results[i].code, 2, `exit code of portico ${args.join(' ')}`);
    assert.equal(results[i].stdout, '');
    assert.match(results[i].stderr, message);
  }

  const help = await run(['help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Portico: .*\n\nUsage: portico <command> \[arguments\]\n\nCommands:\n {2}serve +serve an API locally/s);
  const serveHelp = await run(['serve', '--help']);
  assert.equal(serveHelp.code, 0);
  assert.match(serveHelp.stdout, /^Usage: portico serve <definition> /);
  assert.match(serveHelp.stdout, /--stage-variables/);

  const missing = await run(['serve', 'no-such-api.yaml', '--port', '0']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^portico: cannot read the API definition no-such-api\.yaml: ENOENT/);
});
