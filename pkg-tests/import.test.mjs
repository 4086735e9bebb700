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

test('YAML syntax errors give the line and column', async () => {
  await assert.rejects(createGateway('openapi: 3.0.1\ninfo:\n  title: x\n   version: 1\npaths: {}\n'), {
    message:
      "syntax error: the definition is not valid YAML: this line is indented like a continuation of the value above but holds a 'key: value' pair; fix its indentation (line 4, column 11)",
  });
});
