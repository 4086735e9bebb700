// `portico serve` on SAM and CDK projects, as `sam local start-api` runs
// them: the example projects with no --handlers, a throwing handler's stack
// in the terminal, the Lambda environment in process.env, parameter and
// env.json overrides, DefinitionUri and --api, the check naming a function
// with no code, and reloads of the template and the code. Also createGateway's
// warning for a function `lambdas` has no handler for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, readFile, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createGateway } from '../www/portico.mjs';
import { gatherParameterOverrides, parseParameterOverrides } from '../www/node/project.mjs';
import { get, root, serve as serveCli, stop, tempDir, until } from './cli-harness.mjs';

/** `portico serve ...` on a free port. */
const serve = (args, options) => serveCli([...args, '--port', '0'], options);

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A copy of the SAM Hello World project in a temp dir. */
async function helloCopy() {
  const dir = await tempDir('portico-tpl-');
  await cp(join(root, 'examples/sam-hello'), dir, { recursive: true });
  return dir;
}

test('the SAM Hello World project serves GET /Prod/hello with no --handlers', async () => {
  const server = await serve(['examples/sam-hello/template.yaml']);
  assert.match(server.api, /^http:\/\/127\.0\.0\.1:\d+\/Prod\/$/);
  const hello = await get(`${server.api}hello`);
  assert.equal(hello.status, 200);
  assert.equal(hello.text, '{"message":"hello world"}');
  assert.deepEqual(hello.names, ['Date', 'Content-Type', 'Content-Length', 'x-amzn-RequestId', 'x-amz-apigw-id', 'X-Amzn-Trace-Id', 'Connection']);
  assert.equal(hello.header('Content-Type'), 'application/json');
  assert.equal(hello.header('Content-Length'), '25');
  assert.match(hello.header('x-amzn-RequestId'), REQUEST_ID);
  const missing = await get(`${server.api}bye`);
  assert.equal(missing.status, 403);
  assert.equal(missing.text, '{"message":"Missing Authentication Token"}');
  assert.equal(server.out.stdout.split('\n')[0], 'Portico serving examples/sam-hello/template.yaml');
  assert.match(server.out.stdout, /\n {2}Watching examples\/sam-hello\/template\.yaml, examples\/sam-hello\/hello-world\/app\.mjs \(Ctrl-C stops\)\n/);
  assert.equal(server.out.stderr, '');
  await stop(server.child);
});

test('the CDK output serves its routes from the asset folder', async () => {
  const server = await serve(['examples/cdk/cdk.out/ApiStack.template.json']);
  assert.match(server.api, /\/prod\/$/);
  const item = await get(`${server.api}items/7`);
  assert.equal(item.status, 200);
  assert.equal(item.text, '{"path":"/items/7","resource":"/items/{id}","id":"7","table":"ItemsTable5AAC2C46"}');
  const proxy = await get(`${server.api}anything/here`);
  assert.equal(proxy.status, 200);
  assert.equal(proxy.text, '{"path":"/anything/here","resource":"/{proxy+}","id":null,"table":"ItemsTable5AAC2C46"}');
  assert.deepEqual(
    server.out.stderr.split('\n').map((line) => /^warning at (\S+):/.exec(line)?.[1] ?? line),
    [
      '/Parameters/BootstrapVersion',
      '/Resources/ItemsApiUsagePlan8A1F3C5D',
      '/Resources/ItemsApiKey6D0E2B9F',
      '/Resources/ItemsApiUsagePlanUsagePlanKeyResourceApiStackItemsApiKey3C7E1A0B',
      '/Resources/ItemsAuthorizer0F3C9B2E',
      '/Resources/ItemsApiitemsidGET6F0A2D3B/Properties/ApiKeyRequired',
      '',
    ],
  );
  await stop(server.child);
});

test('a throwing handler answers 502 and its stack is printed in the terminal, as on disk', async () => {
  const dir = await helloCopy();
  await writeFile(join(dir, 'hello-world/app.mjs'), "export const lambdaHandler = async () => {\n  throw new Error('boom');\n};\n");
  const server = await serve(['template.yaml'], { cwd: dir });
  const response = await get(`${server.api}hello`);
  assert.equal(response.status, 502);
  assert.equal(response.text, '{"message": "Internal server error"}');
  assert.equal(response.header('x-amzn-ErrorType'), 'InternalServerErrorException');
  await until('the report', () => server.out.stderr.includes('  Execution log:'));
  const [headline, message, frame] = server.out.stderr.split('\n');
  assert.equal(headline, 'portico: GET /Prod/hello → 502: handler HelloWorldFunction threw');
  assert.equal(message, 'Error: boom');
  assert.equal(frame, `    at lambdaHandler (file://${join(dir, 'hello-world/app.mjs')}:2:9)`);
  await stop(server.child);
});

const ENV_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  TableName:
    Type: String
    Default: t-default
Globals:
  Function:
    Timeout: 5
Resources:
  EnvFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: handlers/env.show
      Runtime: nodejs20.x
      MemorySize: 256
      Environment:
        Variables:
          GREETING: hello
          TABLE: !Ref TableName
      Events:
        Show:
          Type: Api
          Properties:
            Path: /env
            Method: get
`;

const ENV_HANDLER = `const atImport = process.env.GREETING;
const NAMES = ['AWS_SAM_LOCAL', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_HANDLER',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_TIMEOUT', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_EXECUTION_ENV',
  'LAMBDA_TASK_ROOT', 'GREETING', 'TABLE'];
export const show = async () => ({
  statusCode: 200,
  body: JSON.stringify({ atImport, ...Object.fromEntries(NAMES.map((n) => [n, process.env[n]])) }),
});
`;

async function envProject() {
  const dir = await tempDir('portico-tpl-');
  await mkdir(join(dir, 'src/handlers'), { recursive: true });
  await writeFile(join(dir, 'template.yaml'), ENV_TEMPLATE);
  await writeFile(join(dir, 'src/handlers/env.mjs'), ENV_HANDLER);
  return dir;
}

test('the handler runs with the Lambda environment sam local sets, in process.env', async () => {
  const dir = await envProject();
  const server = await serve(['template.yaml'], { cwd: dir });
  const response = await get(`${server.api}env`);
  assert.equal(response.status, 200);
  assert.deepEqual(JSON.parse(response.text), {
    atImport: 'hello',
    AWS_SAM_LOCAL: 'true',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_LAMBDA_FUNCTION_NAME: 'EnvFunction',
    AWS_LAMBDA_FUNCTION_HANDLER: 'handlers/env.show',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    AWS_LAMBDA_FUNCTION_TIMEOUT: '5',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
    LAMBDA_TASK_ROOT: join(dir, 'src'),
    GREETING: 'hello',
    TABLE: 't-default',
  });
  assert.equal(server.out.stderr, '');
  await stop(server.child);
});

test('--parameter-overrides (both syntaxes) and --env-vars change what the handler sees', async () => {
  const dir = await envProject();
  const shortForm = await serve(['template.yaml', '--parameter-overrides', 'TableName=t2', 'Unused=x'], { cwd: dir });
  assert.equal(JSON.parse((await get(`${shortForm.api}env`)).text).TABLE, 't2');
  await stop(shortForm.child);

  await writeFile(join(dir, 'env.json'), JSON.stringify({ Parameters: { GREETING: 'hey', UNDECLARED: 'x' }, EnvFunction: { TABLE: 'from-env-json' } }));
  const longForm = await serve(['template.yaml', '--parameter-overrides', 'ParameterKey=TableName,ParameterValue=t3', '--env-vars', 'env.json'], { cwd: dir });
  const seen = JSON.parse((await get(`${longForm.api}env`)).text);
  // env.json wins over the template, and sets only the variables the template declares, as with sam.
  assert.deepEqual([seen.atImport, seen.GREETING, seen.TABLE, seen.UNDECLARED], ['hey', 'hey', 'from-env-json', undefined]);

  // A change to env.json reloads.
  await writeFile(join(dir, 'env.json'), JSON.stringify({ EnvFunction: { GREETING: 'reloaded' } }));
  await until('the reload', async () => JSON.parse((await get(`${longForm.api}env`)).text).GREETING === 'reloaded');
  assert.equal(JSON.parse((await get(`${longForm.api}env`)).text).TABLE, 't3');
  await stop(longForm.child);
});

test('parameter overrides parse as sam takes them', () => {
  assert.deepEqual(parseParameterOverrides(['A=1 B="two words"', 'ParameterKey=C,ParameterValue=x=y']), { A: '1', B: 'two words', C: 'x=y' });
  assert.throws(() => parseParameterOverrides(['A']), /^Error: --parameter-overrides takes Key=Value .* got 'A'$/);
  assert.deepEqual(gatherParameterOverrides(['t.yaml', '--parameter-overrides', 'A=1', 'B=2', '--port', '0']), [
    't.yaml',
    '--parameter-overrides',
    'A=1 B=2',
    '--port',
    '0',
  ]);
  assert.deepEqual(gatherParameterOverrides(['--parameter-overrides', 'A=1', 't.yaml']), ['--parameter-overrides', 'A=1', 't.yaml']);
});

test('a template and its handler reload when they change', async () => {
  const dir = await helloCopy();
  const server = await serve(['template.yaml'], { cwd: dir });
  assert.equal((await get(`${server.api}hello`)).text, '{"message":"hello world"}');

  await writeFile(join(dir, 'hello-world/app.mjs'), "export const lambdaHandler = async () => ({ statusCode: 200, body: 'edited' });\n");
  await until('the handler reload', async () => (await get(`${server.api}hello`)).text === 'edited');

  const template = await readFile(join(dir, 'template.yaml'), 'utf8');
  await writeFile(join(dir, 'template.yaml'), template.replace('Path: /hello', 'Path: /greeting'));
  await until('the template reload', async () => (await get(`${server.api}greeting`)).text === 'edited');
  assert.equal((await get(`${server.api}hello`)).status, 403);
  assert.match(server.out.stdout, /\d\d:\d\d:\d\d reloaded hello-world\/app\.mjs in \d+ ms\n/);
  assert.match(server.out.stdout, /\d\d:\d\d:\d\d reloaded template\.yaml in \d+ ms\n/);
  await stop(server.child);
});

test('a function with no code is named at startup with the files looked for, and answers as Lambda would', async () => {
  const dir = await helloCopy();
  await rm(join(dir, 'hello-world/app.mjs'));
  const server = await serve(['template.yaml'], { cwd: dir });
  assert.equal(
    server.out.stderr,
    'warning: function HelloWorldFunction: no file for Handler app.lambdaHandler (CodeUri hello-world/): looked for hello-world/app.js, hello-world/app.mjs, hello-world/app.cjs\n',
  );
  const response = await get(`${server.api}hello`);
  assert.equal(response.status, 502);
  assert.equal(response.text, '{"message": "Internal server error"}');
  await until('the report', () => server.out.stderr.includes('  Execution log:'));
  assert.deepEqual(server.out.stderr.split('\n').slice(1, 3), [
    'portico: GET /Prod/hello → 502: handler HelloWorldFunction threw',
    "Runtime.ImportModuleError: Error: Cannot find module 'app'",
  ]);

  // Writing the file reloads and serves it.
  await writeFile(join(dir, 'hello-world/app.js'), "export const lambdaHandler = async () => ({ statusCode: 200, body: 'back' });\n");
  await until('the new file', async () => (await get(`${server.api}hello`)).text === 'back');
  await stop(server.child);
});

test('--api picks a template API, and its DefinitionUri file is read beside the template', async () => {
  const dir = await tempDir('portico-tpl-');
  await writeFile(
    join(dir, 'template.yaml'),
    `Transform: AWS::Serverless-2016-10-31
Resources:
  FirstApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: one
      DefinitionBody:
        openapi: 3.0.1
        info: { title: first, version: '1' }
        paths: {}
  SecondApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: two
      DefinitionUri: ./api/second.yaml
`,
  );
  await mkdir(join(dir, 'api'));
  await writeFile(
    join(dir, 'api/second.yaml'),
    `openapi: 3.0.1
info: { title: second, version: '1' }
paths:
  /ping:
    get:
      responses:
        '200': { description: ok }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses:
          default:
            statusCode: '200'
            responseTemplates: { application/json: '{"api": "second"}' }
`,
  );
  const server = await serve(['template.yaml', '--api', 'SecondApi'], { cwd: dir });
  assert.match(server.api, /\/two\/$/);
  const ping = await get(`${server.api}ping`);
  assert.equal(ping.status, 200);
  assert.equal(ping.text, '{"api": "second"}');
  assert.match(server.out.stdout, / {2}Watching template\.yaml, api\/second\.yaml \(Ctrl-C stops\)\n/);
  await stop(server.child);
});

test('createGateway warns once per function lambdas has no handler for, with the closest key; failOnMissingHandlers refuses', async () => {
  const template = await readFile(join(root, 'examples/sam-hello/template.yaml'), 'utf8');
  const warnings = [];
  const original = console.warn;
  console.warn = (...args) => warnings.push(args.join(' '));
  try {
    await createGateway(template, { lambdas: { HelloWorldFunctoin: async () => ({}), other: async () => ({}) } });
    await createGateway(template, { lambdas: {} });
    await createGateway(template); // no lambdas: nothing runs here, nothing to check
  } finally {
    console.warn = original;
  }
  assert.deepEqual(warnings, [
    'Portico: no handler for the Lambda function "HelloWorldFunction", which the API invokes at /Resources/HelloWorldFunction/Properties/Events/HelloWorld/Properties: the `lambdas` option has "HelloWorldFunctoin", "other"; did you mean "HelloWorldFunctoin"?',
  ]);
  await assert.rejects(createGateway(template, { lambdas: { other: async () => ({}) }, failOnMissingHandlers: true }), {
    message:
      'Portico: no handler for the Lambda function "HelloWorldFunction", which the API invokes at /Resources/HelloWorldFunction/Properties/Events/HelloWorld/Properties: the `lambdas` option has "other" (failOnMissingHandlers is set)',
  });
  const served = await createGateway(template, { lambdas: { HelloWorldFunction: async () => ({ statusCode: 200, body: 'ok' }) }, failOnMissingHandlers: true });
  assert.equal(await (await served.fetch(new Request('http://localhost/Prod/hello'))).text(), 'ok');
});
