// Every OpenAPI document in ../shared/realworld/openapi (definitions people
// wrote for API Gateway) imports and answers each of its methods, or fails
// with the exact error that says why at its place. Stand-ins answer for
// every Lambda function, AWS service and HTTP backend, so each status is
// what Portico made of the document. `source` rows are broken where they
// come from: a file reference, an unrendered template, a CloudFormation
// substitution (`${AWS::Region}`) written outside `Fn::Sub`, which
// CloudFormation leaves as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OPTIONS, sweep } from './realworld.mjs';

const root = fileURLToPath(new URL('../../shared/realworld/openapi/', import.meta.url));

const EXPECTED = {
  'AleAkiraH__Condomax__apigateway.yaml': { statuses: { 'POST /TESTEAPIGATEWAY': 200, 'POST /cadastro': 200, 'POST /login': 200 } },
  'amazon-archives__aws-apigateway-importer__tst__resources__swagger__apigateway.json': { statuses: { 'GET /products': 500, 'POST /products/child': 200 } },
  'aws-samples__amazon-api-gateway-url-shortener__api.yaml': {
    statuses: {
      'GET /app': 200,
      'POST /app': 400,
      'OPTIONS /app': 200,
      'PUT /app/{linkId}': 400,
      'DELETE /app/{linkId}': 400,
      'OPTIONS /app/{linkId}': 200,
      'GET /{linkId}': 301,
    },
  },
  'aws-samples__api-gateway-secure-pet-store__src__main__resources__swagger.yaml': {
    statuses: {
      'POST /login': 200,
      'OPTIONS /login': 200,
      'GET /pets': 200,
      'POST /pets': 200,
      'OPTIONS /pets': 200,
      'GET /pets/{petId}': 200,
      'OPTIONS /pets/{petId}': 200,
      'POST /users': 200,
      'OPTIONS /users': 200,
    },
  },
  'aws-samples__aws-modern-application-workshop__module-4__aws-cli__api-swagger.json': {
    statuses: {
      'GET /': 200,
      'OPTIONS /': 200,
      'GET /mysfits': 200,
      'OPTIONS /mysfits': 200,
      'GET /mysfits/{mysfitId}': 200,
      'OPTIONS /mysfits/{mysfitId}': 200,
      'POST /mysfits/{mysfitId}/adopt': 200,
      'OPTIONS /mysfits/{mysfitId}/adopt': 200,
      'POST /mysfits/{mysfitId}/like': 200,
      'OPTIONS /mysfits/{mysfitId}/like': 200,
    },
  },
  'aws-samples__aws-serverless-ecommerce-platform__orders__resources__openapi.yaml': {
    source:
      'invalid definition at /paths/~1backend~1{orderId}/get/responses/200/content/application~1json/schema/properties/order/$ref: `../../shared/resources/schemas.yaml#/Order` is an external reference (into the file `../../shared/resources/schemas.yaml`); API Gateway, and Portico, import one self-contained document: bundle the files into one first (for example `npx @redocly/cli bundle openapi.yaml -o bundled.yaml`) and import the result',
  },
  'aws-samples__aws-serverless-ecommerce-platform__products__resources__openapi.yaml': {
    source:
      'invalid definition at /paths/~1backend~1validate/post/requestBody/content/application~1json/schema/$ref: `../../shared/resources/schemas.yaml#/Products` is an external reference (into the file `../../shared/resources/schemas.yaml`); API Gateway, and Portico, import one self-contained document: bundle the files into one first (for example `npx @redocly/cli bundle openapi.yaml -o bundled.yaml`) and import the result',
  },
  'aws-samples__serverless-patterns__api-lambda-ses__src__api.yml': {
    source:
      'invalid definition at /servers/0/url: `${AWS::Region}` is a CloudFormation substitution outside `Fn::Sub` (in `https://mrbxgs2ki2.execute-api.${AWS::Region}.amazonaws.com/{basePath}`): CloudFormation substitutes it only inside `Fn::Sub` and leaves it as written elsewhere, so API Gateway would receive the text `${AWS::Region}`: wrap the value in `Fn::Sub` (or `!Sub`) or write the value',
  },
  'aws-samples__serverless-patterns__apigw-appsync-dynamodb-sam__httpapi-spec__api.yaml': { statuses: { 'POST /restaurant': 200 } },
  'aws-samples__serverless-patterns__apigw-cache-invalidation-eventbridge__api.yaml': {
    statuses: { 'GET /pets': 200, 'POST /pets': 200, 'GET /pets/{id}': 200, 'PUT /pets/{id}': 200, 'DELETE /pets/{id}': 200 },
  },
  'aws-samples__serverless-patterns__apigw-ddb-openapi-crud__api.yaml': {
    statuses: { 'GET /': 200, 'POST /': 200, 'GET /{id}': 200, 'PUT /{id}': 200, 'DELETE /{id}': 200 },
  },
  'aws-samples__serverless-patterns__apigw-dynamodb-lambda-scheduler-ses-auto-deletion-sam__restapi__api.yaml': {
    statuses: { 'GET /reminders': 200, 'POST /reminders': 200, 'GET /reminders/{id}': 200, 'PUT /reminders/{id}': 200, 'DELETE /reminders/{id}': 200 },
  },
  'aws-samples__serverless-patterns__apigw-http-api-eventbridge__api.yaml': { statuses: { 'POST /': 200 } },
  'aws-samples__serverless-patterns__apigw-kinesis-lambda-ddb__api.yaml': { statuses: { 'POST /submit/{streamName}/{eventId}': 200 } },
  'aws-samples__serverless-patterns__apigw-mappingtemplate-lambda__api.yaml': { statuses: { 'ANY /': 200 } },
  'aws-samples__serverless-patterns__apigw-openapi-lambda-dynamodb-xray-terraform__infra__openapi-spec.yaml': {
    source:
      'invalid definition at /paths/~1customers/post/x-amazon-apigateway-integration/uri: `${openapi_demo_lambda_uri}` holds the placeholder `${openapi_demo_lambda_uri}`, which nothing filled in: the document looks like an unrendered template (Terraform `templatefile`, or similar); render it, then import the result',
  },
  'aws-samples__serverless-patterns__apigw-rest-apigw-rest__api.yaml': { statuses: { 'GET /admin/reports': 200, 'GET /admin/users': 200 } },
  'aws-samples__serverless-patterns__apigw-rest-stepfunctions-express-sync-bedrock-sam__api.yaml': {
    source:
      'invalid definition at /paths/~1/post/x-amazon-apigateway-integration/uri: `${AWS::Region}` is a CloudFormation substitution outside `Fn::Sub` (in `arn:aws:apigateway:${AWS::Region}:states:action/StartSyncExecution`): CloudFormation substitutes it only inside `Fn::Sub` and leaves it as written elsewhere, so API Gateway would receive the text `${AWS::Region}`: wrap the value in `Fn::Sub` (or `!Sub`) or write the value',
  },
  'aws-samples__serverless-patterns__apigw-rest-vpclink-pvt-alb-sam__api.yaml': { statuses: { 'ANY /{proxy+}': 200 } },
  'aws-samples__serverless-patterns__apigw-sfn-crud__api.openapi.yaml': { statuses: { 'ANY /': 200, 'ANY /{id}': 200 } },
  'aws-samples__serverless-patterns__apigw-sfn__api.yaml': { statuses: { 'POST /': 200 } },
  'aws-samples__serverless-patterns__apigw-sns-sms__api.yaml': {
    source:
      'invalid definition at /paths/~1/post/x-amazon-apigateway-integration/credentials: `${AWS::AccountId}` is a CloudFormation substitution outside `Fn::Sub` (in `arn:aws:iam::${AWS::AccountId}:role/API-SNSSMS`): CloudFormation substitutes it only inside `Fn::Sub` and leaves it as written elsewhere, so API Gateway would receive the text `${AWS::AccountId}`: wrap the value in `Fn::Sub` (or `!Sub`) or write the value',
  },
  'aws-samples__serverless-patterns__apigw-sqs-lambda__api.yaml': { statuses: { 'POST /submit': 200 } },
  'aws-samples__serverless-patterns__appsync-apigateway-dynamodb-sam__restapi__api.yaml': {
    statuses: {
      'GET /restaurants': 200,
      'POST /restaurants': 200,
      'GET /restaurants/{restaurantid}': 200,
      'PUT /restaurants/{restaurantid}': 200,
      'DELETE /restaurants/{restaurantid}': 200,
    },
  },
  'aws-samples__serverless-patterns__step-function-sync-rest-api__api.yaml': {
    source:
      'invalid definition at /paths/~1/post/x-amazon-apigateway-integration/uri: `${AWS::Region}` is a CloudFormation substitution outside `Fn::Sub` (in `arn:aws:apigateway:${AWS::Region}:states:action/StartSyncExecution`): CloudFormation substitutes it only inside `Fn::Sub` and leaves it as written elsewhere, so API Gateway would receive the text `${AWS::Region}`: wrap the value in `Fn::Sub` (or `!Sub`) or write the value',
  },
  'aws-samples__serverless-patterns__stepfunctions-sns-apigw-human-review__APIGateway__ReviewRESTApi.yaml': {
    source:
      'invalid definition at /paths/~1/x-amazon-apigateway-any-method/x-amazon-apigateway-integration/uri: `${AWS::Region}` is a CloudFormation substitution outside `Fn::Sub` (in `arn:aws:apigateway:${AWS::Region}:states:action/SendTaskSuccess`): CloudFormation substitutes it only inside `Fn::Sub` and leaves it as written elsewhere, so API Gateway would receive the text `${AWS::Region}`: wrap the value in `Fn::Sub` (or `!Sub`) or write the value',
  },
  'aws-samples__serverless-samples__apigw-lambda-powertools-openapi-cdk__lib__openapi__openapi.json': {
    source:
      'invalid definition at /paths/~1order/post/x-amazon-apigateway-integration/uri: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${lambdaArn}/invocations` holds the placeholder `${region}`, which nothing filled in: the document looks like an unrendered template (Terraform `templatefile`, or similar); render it, then import the result',
  },
  'aws-samples__serverless-samples__apigw-private-custom-domain-name__iac__swagger.yaml': { statuses: { 'GET /': 200, 'POST /': 200 } },
  'aws-samples__serverless-samples__apigw-response-streaming__node-bedrock-lambda__api-gateway-config.yaml': { statuses: { 'POST /ask': 200 } },
  'aws-samples__serverless-samples__fargate-rest-api__javascript-rest-nlb-ecs-sam__swagger.yaml': {
    statuses: {
      'GET /locations': 200,
      'PUT /locations': 200,
      'GET /locations/{locationID}': 200,
      'PUT /locations/{locationID}': 200,
      'DELETE /locations/{locationID}': 200,
      'OPTIONS /locations/{locationID}': 200,
      'GET /locations/{locationID}/resources': 200,
      'PUT /locations/{locationID}/resources': 200,
      'GET /locations/{locationID}/resources/{resourceID}': 200,
      'DELETE /locations/{locationID}/resources/{resourceID}': 200,
      'GET /locations/{locationID}/resources/{resourceID}/bookings': 200,
      'GET /users/{userID}/bookings': 200,
      'PUT /users/{userID}/bookings': 200,
      'GET /users/{userID}/bookings/{bookingID}': 200,
      'PUT /users/{userID}/bookings/{bookingID}': 200,
      'DELETE /users/{userID}/bookings/{bookingID}': 200,
    },
  },
  'aws-samples__serverless-samples__queue-based-ingestion__python-sam__api.yaml': {
    statuses: { 'GET /job-status/{job-id}': 200, 'POST /submit-job-request': 200 },
  },
  'aws-samples__serverless-samples__serverless-rest-api__python-rest-sam__src__api__swagger.yaml': {
    statuses: {
      'GET /locations': 200,
      'PUT /locations': 200,
      'GET /locations/{locationid}': 200,
      'DELETE /locations/{locationid}': 200,
      'GET /locations/{locationid}/resources': 200,
      'PUT /locations/{locationid}/resources': 200,
      'GET /locations/{locationid}/resources/{resourceid}': 200,
      'DELETE /locations/{locationid}/resources/{resourceid}': 200,
      'GET /locations/{locationid}/resources/{resourceid}/bookings': 200,
      'GET /users/{userid}/bookings': 200,
      'PUT /users/{userid}/bookings': 200,
      'GET /users/{userid}/bookings/{bookingid}': 200,
      'DELETE /users/{userid}/bookings/{bookingid}': 200,
    },
  },
  'aws-samples__sessions-with-aws-sam__http-api-direct-integration__api.yaml': { statuses: { 'POST /eb': 200, 'POST /kinesis': 200, 'POST /sqs': 200 } },
  'aws-samples__sessions-with-aws-sam__s12d__server__api.yaml': {
    statuses: {
      'GET /app': 200,
      'POST /app': 200,
      'OPTIONS /app': 200,
      'PUT /app/{linkId}': 200,
      'DELETE /app/{linkId}': 400,
      'OPTIONS /app/{linkId}': 200,
      'GET /{linkId}': 301,
    },
  },
  'aws__aws-sam-cli__tests__integration__testdata__sync__code__before__apigateway__definition.json': { statuses: { 'GET /hello': 200 } },
  'harbabi__api-spec__api-swagger.yaml': { statuses: { 'GET /v1/time': 200, 'GET /v2/time': 200, 'GET /v3/time': 200, 'POST /{clientId}/{apiKey}/all': 200 } },
  'karthikeyanvgs__aws-serverless__simple-proxy-api.yaml': { statuses: { 'OPTIONS /': 200, 'ANY /': 200, 'OPTIONS /{proxy+}': 200, 'ANY /{proxy+}': 200 } },
  'sebassilva22__mutant-meli__swagger-apigateway.yaml': { statuses: { 'POST /mutant': 200, 'GET /stats': 200 } },
  'unknownblueguy6__cloud_assign3__apigateway.yaml': { statuses: { 'GET /search': 200, 'OPTIONS /search': 200, 'PUT /upload': 200, 'OPTIONS /upload': 200 } },
  'wdas03__ai-photo-album-aws__apigateway.yaml': {
    statuses: { 'GET /search': 200, 'OPTIONS /search': 200, 'PUT /upload/{bucket}/{key}': 200, 'OPTIONS /upload/{bucket}/{key}': 200 },
  },
  'weiz-me__CUThen__swagger-apigateway.yaml': {
    statuses: {
      'POST /chat': 200,
      'OPTIONS /chat': 200,
      'POST /extendInvitation': 200,
      'OPTIONS /extendInvitation': 200,
      'PUT /group': 200,
      'POST /group': 200,
      'OPTIONS /group': 200,
      'POST /listGroups': 200,
      'OPTIONS /listGroups': 200,
      'POST /matchmaker': 200,
      'OPTIONS /matchmaker': 200,
      'POST /modifyProfile': 200,
      'OPTIONS /modifyProfile': 200,
      'POST /profile': 200,
      'OPTIONS /profile': 200,
      'POST /respondToInvitation': 200,
      'OPTIONS /respondToInvitation': 200,
    },
  },
};

if (!existsSync(root)) {
  if (process.env.CI === 'true') {
    test('the real-world definitions are present', () => assert.fail(`${root} is missing`));
  } else {
    test.skip(`real-world definitions: ${root} is missing`, () => {});
  }
} else {
  test('every real-world document has a row', () => {
    assert.deepEqual(readdirSync(root).sort(), Object.keys(EXPECTED).sort());
  });
  for (const [file, expected] of Object.entries(EXPECTED)) {
    test(file, async () => {
      const got = await sweep(readFileSync(root + file, 'utf8'), OPTIONS[file] ?? {});
      if (expected.statuses) {
        assert.deepEqual(got, { statuses: expected.statuses });
      } else {
        assert.deepEqual(got, { error: expected.source });
      }
    });
  }
}
