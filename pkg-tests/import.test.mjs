// Importing through the built package: YAML and JSON, Swagger 2.0 and
// OpenAPI 3.0, warnings, failOnWarnings, and export back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createGateway } from '../www/portico.mjs';

const read = (path) => readFile(new URL(`../${path}`, import.meta.url), 'utf8');

test('a YAML definition imports and routes', async () => {
  const gateway = await createGateway(await read('examples/proxy/openapi.yaml'));
  assert.deepEqual(gateway.route('PATCH', '/dev/a/b'), {
    resourceId: gateway.route('GET', '/dev/x').resourceId,
    resourcePath: '/{proxy+}',
    method: 'ANY',
    pathParameters: { proxy: 'a/b' },
  });
  assert.equal(gateway.route('GET', '/dev/').resourcePath, '/');
});

test('the PetStore example (Swagger 2.0) imports with its models and CORS methods', async () => {
  const gateway = await createGateway(await read('examples/petstore/openapi.json'));
  assert.deepEqual(gateway.warnings, []);
  const exported = gateway.export();
  assert.deepEqual(Object.keys(exported.components.schemas).sort(), ['Empty', 'NewPet', 'NewPetResponse', 'Pet', 'PetType', 'Pets']);
  assert.deepEqual(Object.keys(exported.paths['/pets']), ['get', 'post', 'options']);
  assert.equal(gateway.route('OPTIONS', '/dev/pets/7').resourcePath, '/pets/{petId}');
  assert.equal(
    exported.paths['/pets/{petId}'].get['x-amazon-apigateway-integration'].uri,
    'http://petstore-demo-endpoint.execute-api.com/petstore/pets/{petId}',
  );
});

test('an export imports back to the same API, in either format', async () => {
  const gateway = await createGateway(await read('examples/petstore/openapi.json'));
  for (const format of ['oas30', 'swagger']) {
    const again = await createGateway(gateway.export(format));
    assert.deepEqual(again.export(format), gateway.export(format), format);
  }
  const swagger = gateway.export('swagger');
  assert.equal(swagger.swagger, '2.0');
  assert.equal(swagger.basePath, '/dev');
  assert.equal(swagger.host, 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com');
  assert.throws(() => gateway.export('raml'), /unknown export format `raml`; use oas30 or swagger/);
});

test('an export names its stage, API id and region, and they come back as defaults', async () => {
  const gateway = await createGateway(await read('examples/ml-model/openapi.json'), { apiId: 'z9y8x7w6v5', region: 'eu-west-3', stage: 'live' });
  const exported = gateway.export();
  assert.equal(exported.servers[0].url, 'https://z9y8x7w6v5.execute-api.eu-west-3.amazonaws.com/{basePath}');
  const again = await createGateway(exported);
  assert.equal(again.stage, 'live');
  assert.equal(again.route('GET', '/live/').resourcePath, '/');
});

test('warnings name the place; failOnWarnings turns them into an error', async () => {
  const doc = {
    openapi: '3.0.1',
    info: { title: 'w', version: '1' },
    paths: { '/a': { get: { parameters: [{ name: 's', in: 'cookie' }], 'x-amazon-apigateway-integration': { type: 'mock' } } } },
  };
  const gateway = await createGateway(doc);
  assert.deepEqual(gateway.warnings, [{ pointer: '/paths/~1a/get/parameters/0', message: 'API Gateway has no cookie parameters; `s` is ignored' }]);
  await assert.rejects(createGateway(doc, { failOnWarnings: true }), {
    message:
      'unsupported at /paths/~1a/get/parameters/0: failOnWarnings is set and the import has 1 warning(s): at /paths/~1a/get/parameters/0: API Gateway has no cookie parameters; `s` is ignored',
  });
});

test("a template's warnings name its place, and failOnWarnings lists them all there", async () => {
  const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: app.handler
      Events:
        Get:
          Type: Api
          Properties: { Path: /hello, Method: get, TimeoutInMillis: 900 }
`;
  const gateway = await createGateway(template, { lambdas: { Hello: () => ({ statusCode: 200, body: 'hi' }) } });
  const pointer = '/Resources/Hello/Properties/Events/Get/Properties/TimeoutInMillis';
  const message = 'the `Api` event property `TimeoutInMillis` is not read by Portico; it has no effect here';
  assert.deepEqual(gateway.warnings, [{ pointer, message }]);
  await assert.rejects(createGateway(template, { failOnWarnings: true, lambdas: { Hello: () => ({}) } }), {
    message: `unsupported at ${pointer}: failOnWarnings is set and the import has 1 warning(s): at ${pointer}: ${message}`,
  });
});

test('YAML syntax errors give the line and column', async () => {
  await assert.rejects(createGateway('openapi: 3.0.1\ninfo:\n  title: x\n   version: 1\npaths: {}\n'), {
    message:
      "syntax error: the definition is not valid YAML: this line is indented like a continuation of the value above but holds a 'key: value' pair; fix its indentation (line 4, column 11)",
  });
});

test('x-amazon-apigateway-documentation comes back byte for byte from both exports', async () => {
  const documentation = {
    version: '1.0.1',
    createdDate: '2024-02-01T10:00:00Z',
    documentationParts: [
      { location: { type: 'API' }, properties: { description: 'Pets, by the owner' } },
      { location: { type: 'METHOD', path: '/pets', method: 'GET' }, properties: { summary: 'List pets' } },
      { location: { type: 'RESPONSE', path: '/pets', method: 'GET', statusCode: '200' }, properties: { description: 'the pets' } },
      { location: { type: 'QUERY_PARAMETER', path: '/pets', method: 'GET', name: 'limit' }, properties: { description: 'at most' } },
    ],
  };
  const text = `{"openapi":"3.0.1","info":{"title":"Pets","version":"1"},"paths":{"/pets":{"get":{"responses":{"200":{"description":"ok"}},"x-amazon-apigateway-integration":{"type":"mock","requestTemplates":{"application/json":"{\\"statusCode\\": 200}"},"responses":{"default":{"statusCode":"200"}}}}}},"x-amazon-apigateway-documentation":${JSON.stringify(documentation)}}`;
  const gateway = await createGateway(text);
  for (const format of ['oas30', 'swagger']) {
    const exported = gateway.export(format);
    assert.equal(JSON.stringify(exported['x-amazon-apigateway-documentation']), JSON.stringify(documentation), format);
    const again = await createGateway(exported);
    assert.equal(JSON.stringify(again.export(format)['x-amazon-apigateway-documentation']), JSON.stringify(documentation), `${format} again`);
  }
});

test('apiType decides the kind of API, whatever the document holds', async () => {
  const doc = await readFile(new URL('../tests/openapi-inputs/rest-with-http-api-fields.yaml', import.meta.url), 'utf8');
  const rest = await createGateway(doc);
  assert.deepEqual(
    rest.warnings.map((w) => w.pointer),
    [
      '/x-amazon-apigateway-cors',
      '/x-amazon-apigateway-importexport-version',
      '/paths/~1submit~1{streamName}/post/x-amazon-apigateway-integration/payloadFormatVersion',
    ],
  );
  const http = await createGateway(doc, { apiType: 'HTTP' });
  assert.equal(http.export()['x-amazon-apigateway-importexport-version'], '1.0');
  assert.equal(rest.export()['x-amazon-apigateway-importexport-version'], undefined);
});

test('an HTTP API service integration calls the registered service with the mapped parameters', async () => {
  const doc = await readFile(new URL('../tests/openapi-inputs/http-api-service-integrations.yaml', import.meta.url), 'utf8');
  const calls = [];
  const gateway = await createGateway(doc, {
    services: {
      'sqs:SendMessage': (call) => {
        calls.push([call.service, call.action, call.body]);
        return { status: 200, headers: { 'Content-Type': 'application/x-amz-json-1.0' }, body: '{"MessageId":"m-1"}' };
      },
    },
  });
  const response = await gateway.fetch(new Request('http://localhost/sqs', { method: 'POST', body: '{"MessageBody":"hi"}' }));
  assert.equal(response.status, 200);
  assert.equal(await response.text(), '{"MessageId":"m-1"}');
  assert.deepEqual(calls, [['sqs', 'SendMessage', '{"MessageBody":"hi","QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/queue"}']]);
  const missing = await gateway.fetch(new Request('http://localhost/eb', { method: 'POST', body: '{"Detail":{}}' }));
  assert.deepEqual([missing.status, await missing.text()], [500, '{"message":"Internal Server Error"}']);
});
