// SAM and CDK projects through the built package: the sam-hello and cdk
// examples import from their templates, list their functions, and answer
// through handlers keyed by logical id, as `sam local` finds them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createGateway, templateFiles } from '../www/portico.mjs';

const read = (path) => readFile(new URL(`../${path}`, import.meta.url), 'utf8');

test('the SAM Hello World project answers GET /Prod/hello as AWS does', async () => {
  const { lambdaHandler } = await import('../examples/sam-hello/hello-world/app.mjs');
  const gateway = await createGateway(await read('examples/sam-hello/template.yaml'), { lambdas: { HelloWorldFunction: lambdaHandler } });
  assert.equal(gateway.stage, 'Prod');
  assert.deepEqual(gateway.warnings, []);
  assert.deepEqual(gateway.functions, [
    {
      name: 'HelloWorldFunction',
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:HelloWorldFunction',
      pointer: '/Resources/HelloWorldFunction/Properties/Events/HelloWorld/Properties',
      logicalId: 'HelloWorldFunction',
      handler: 'app.lambdaHandler',
      codeUri: 'hello-world/',
      runtime: 'nodejs20.x',
      environment: {},
      timeout: 3,
    },
  ]);
  const response = await gateway.fetch(new Request('http://localhost/Prod/hello'));
  assert.equal(response.status, 200);
  assert.equal(await response.text(), '{"message":"hello world"}');
  assert.equal(response.headers.get('content-type'), 'application/json');
  assert.match(response.headers.get('x-amzn-requestid'), /^[0-9a-f-]{36}$/);
  assert.equal((await gateway.fetch(new Request('http://localhost/Prod/bye'))).status, 403);
});

test('the CDK output imports with its warnings and answers through the asset handler', async () => {
  const require = createRequire(import.meta.url);
  const template = JSON.parse(await read('examples/cdk/cdk.out/ApiStack.template.json'));
  const gateway = await createGateway(template);
  const [fn] = gateway.functions;
  assert.equal(fn.logicalId, 'ItemsHandler5E3F1A2B');
  assert.equal(fn.handler, 'index.handler');
  const { handler } = require(`../examples/cdk/cdk.out/${fn.assetPath}/index.js`);
  const served = await createGateway(template, { lambdas: { [fn.logicalId]: handler } });
  assert.equal(served.stage, 'prod');
  assert.deepEqual(
    served.warnings.map((w) => w.pointer),
    [
      '/Parameters/BootstrapVersion',
      '/Resources/ItemsApiUsagePlan8A1F3C5D',
      '/Resources/ItemsApiKey6D0E2B9F',
      '/Resources/ItemsApiUsagePlanUsagePlanKeyResourceApiStackItemsApiKey3C7E1A0B',
      // The Cognito authorizer and the API key requirement: imported, not enforced.
      '/Resources/ItemsAuthorizer0F3C9B2E',
      '/Resources/ItemsApiitemsidGET6F0A2D3B/Properties/ApiKeyRequired',
    ],
  );
  const response = await served.fetch(new Request('http://localhost/prod/anything/here'));
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { path: '/anything/here', resource: '/{proxy+}', id: null });
  // /items/{id} has a Cognito authorizer and needs an API key: neither is
  // enforced yet (a later issue), so it answers as the proxy does.
  const item = await served.fetch(new Request('http://localhost/prod/items/7'));
  assert.equal(item.status, 200);
  assert.deepEqual(await item.json(), { path: '/items/7', resource: '/items/{id}', id: '7' });
});

test('templateFiles lists the DefinitionUri files the files option should hold, and a DefinitionUri API serves from them', async () => {
  const template = [
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  Api:',
    '    Type: AWS::Serverless::Api',
    '    Properties:',
    '      StageName: dev',
    '      DefinitionUri: ./api/openapi.yaml',
    '',
  ].join('\n');
  assert.deepEqual(await templateFiles(template), ['api/openapi.yaml']);
  assert.equal(await templateFiles(await read('examples/ml-model/openapi.json')), null);
  assert.deepEqual(await templateFiles("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n"), []);
  const openapi = await read('examples/ml-model/openapi.json');
  const gateway = await createGateway(template, {
    files: { 'api/openapi.yaml': openapi },
    lambdas: { API_test: async () => ({ statusCode: 200, body: 'from the file' }) },
  });
  const response = await gateway.fetch(new Request('https://abc123.execute-api.us-east-1.amazonaws.com/dev/'));
  assert.deepEqual([response.status, await response.text()], [200, '{"statusCode":200,"body":"from the file"}']);
});
