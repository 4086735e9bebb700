// Every SAM and CloudFormation template in ../shared/realworld (sam/, cfn/)
// imports — each API in it, chosen with the `api` option — and answers each
// of its methods, or fails with the exact error that names the place where
// it is broken. Stand-ins answer for every function the gateway lists, every
// AWS service and HTTP backend; parameters without a `Default` get stand-in
// values (`parameterValue`), as `--parameter-overrides` would give them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sweep, templateApis } from './realworld.mjs';

const root = fileURLToPath(new URL('../../shared/realworld/', import.meta.url));

/** The files a template's `DefinitionUri` names, where ../shared/realworld keeps them. */
const FILES = {
  'sam/karthikeyanvgs__aws-serverless__cloudformation.yaml': { 'simple-proxy-api.yaml': 'openapi/karthikeyanvgs__aws-serverless__simple-proxy-api.yaml' },
};

/** Stage variables that name functions: the sweep names its stand-ins by them (a template's own values are not visible from JS). */
const STAGE_VARIABLES = {
  'sam/aws__aws-sam-cli__tests__smoke__templates__sar__api-gateway-dev-portal-template.yaml': { DevPortalFunctionName: 'DevPortalLambdaFunction' },
  'sam/karthikeyanvgs__aws-serverless__cloudformation.yaml': { ServerlessExpressLambdaFunctionName: 'Express' },
};

const EXPECTED = {
  'cfn/JoseLuisSR__springboot-aws-serverless__apigateway.yaml': {
    apis: {
      APIGatewayRest: {
        statuses: { 'PUT /customer': 200, 'POST /customer': 200, 'GET /customer/all': 200, 'GET /customer/{key}': 200, 'DELETE /customer/{key}': 200 },
      },
    },
  },
  'cfn/aws-samples__aws-bookstore-demo-app__template__master-fullstack.yaml': {
    apis: {
      AppApi: {
        statuses: {
          'GET /bestsellers': 200,
          'OPTIONS /bestsellers': 200,
          'GET /books': 200,
          'OPTIONS /books': 200,
          'GET /books/{id}': 200,
          'OPTIONS /books/{id}': 200,
          'GET /cart': 200,
          'PUT /cart': 200,
          'POST /cart': 200,
          'DELETE /cart': 200,
          'OPTIONS /cart': 200,
          'GET /cart/{bookId}': 200,
          'OPTIONS /cart/{bookId}': 200,
          'GET /orders': 200,
          'POST /orders': 200,
          'OPTIONS /orders': 200,
          'GET /recommendations': 200,
          'OPTIONS /recommendations': 200,
          'GET /recommendations/{bookId}': 200,
          'OPTIONS /recommendations/{bookId}': 200,
          'GET /search': 200,
          'OPTIONS /search': 200,
        },
      },
    },
  },
  'cfn/aws-samples__aws-serverless-workshops__MachineLearning__3_Inference__cloudformation__99_complete.yml': {
    apis: { ApiGateway: { statuses: { 'POST /': 200 } } },
  },
  // POST /: the request validator refuses the sweep's body (400), as API Gateway would.
  'cfn/aws-samples__serverless-patterns__apigw-lambda-request-validator__template.yaml': { apis: { RestApi: { statuses: { 'POST /': 400 } } } },
  'cfn/aws-samples__serverless-patterns__apigw-rest-api-dynamodb__template.yml': {
    apis: { Api: { statuses: { 'POST /music': 200, 'GET /music/{artist}': 200 } } },
  },
  'cfn/aws-samples__serverless-patterns__apigw-rest-sagemaker__template.yaml': { apis: { Api: { statuses: { 'POST /text': 200 } } } },
  'cfn/aws__aws-sam-cli__tests__integration__testdata__start_api__cdk-sample-output.yaml': {
    apis: { EndpointEEF1FD8F: { statuses: { 'ANY /': 200, 'ANY /{proxy+}': 200 } } },
  },
  // booksapi ANY /: a MOCK integration with no integration response; API Gateway answers 500 too.
  'cfn/aws__aws-sam-cli__tests__integration__testdata__start_api__cdk__template-cors-configs.yaml': {
    apis: { booksapiE1885304: { statuses: { 'ANY /': 500 } }, ApiF70053CD: { statuses: { 'GET /': 200, 'OPTIONS /': 204 } } },
  },
  // Broken at its source: CloudFormation refuses a condition the template does not declare.
  'cfn/aws__aws-sam-cli__tests__integration__testdata__start_api__cdk__template-rest-api.yaml': {
    error:
      "invalid definition at /Resources/CDKMetadata/Condition: the condition `CDKMetadataAvailable` is not declared; add it to the template's `Conditions`",
  },
  'cfn/chamoo334__skillstorm_project_2__templates__apigateway.yml': {
    apis: { AWSomeAPIGatewayRestAPI: { statuses: { 'GET /health': 200, 'GET /messages': 200, 'DELETE /remove': 200, 'POST /sign': 200 } } },
  },
  // Broken at its source: `${MyLambda.Arn}` outside Fn::Sub reaches API Gateway as written.
  'cfn/cmomodo__simple_dynamo_app__apigateway.yaml': {
    apis: {
      MyApi: {
        error:
          'invalid definition at /Resources/MyMethod/Properties: `${MyLambda.Arn}` is a CloudFormation substitution outside `Fn::Sub` (in `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${MyLambda.Arn}/invocations`): CloudFormation substitutes it only inside `Fn::Sub` and leaves it as written elsewhere, so API Gateway would receive the text `${MyLambda.Arn}`: wrap the value in `Fn::Sub` (or `!Sub`) or write the value',
      },
    },
  },
  'cfn/keoldev__Templates-ToDoList__apigateway.yaml': {
    apis: { ApiGatewayRestApi: { statuses: { 'GET /': 200, 'PUT /': 200, 'POST /': 200, 'DELETE /': 200, 'OPTIONS /': 200 } } },
  },
  'sam/CodeGenieApp__serverless-express__examples__basic-starter-api-gateway-v1__sam-template.yaml': {
    apis: { ExpressApi: { statuses: { 'ANY /': 200, 'ANY /{proxy+}': 200 } } },
  },
  'sam/CodeGenieApp__serverless-express__examples__basic-starter-api-gateway-v2__sam-template.yaml': {
    apis: { ExpressApi: { statuses: { 'ANY /$default': 200 } } },
  },
  'sam/aws-samples__aws-serverless-security-workshop__src__template.yaml': {
    apis: {
      UnicornApi: {
        statuses: {
          'GET /capes': 200,
          'OPTIONS /capes': 200,
          'GET /customizations': 200,
          'POST /customizations': 200,
          'OPTIONS /customizations': 200,
          'GET /customizations/{id}': 200,
          'DELETE /customizations/{id}': 200,
          'OPTIONS /customizations/{id}': 200,
          'GET /glasses': 200,
          'OPTIONS /glasses': 200,
          'GET /horns': 200,
          'OPTIONS /horns': 200,
          'POST /partners': 200,
          'OPTIONS /partners': 200,
          'GET /socks': 200,
          'OPTIONS /socks': 200,
        },
      },
    },
  },
  // `swagger` twice in the DefinitionBody: the last wins, as in CloudFormation.
  'sam/aws-samples__aws-serverless-workshops__MultiRegion__1_API__wild-rydes-api-primary-region.yaml': {
    apis: { TicketServiceAPI: { statuses: { 'GET /health': 200, 'OPTIONS /health': 200, 'GET /ticket': 200, 'POST /ticket': 200, 'OPTIONS /ticket': 200 } } },
  },
  'sam/aws-samples__serverless-patterns__apigw-lambda-authorizer-custom-header__template.yaml': { apis: { AppApi: { statuses: { 'GET /': 200 } } } },
  'sam/aws-samples__serverless-patterns__apigw-lambda-json-xml-vtl-transformation__template.yaml': { apis: { MyApi: { statuses: { 'GET /details': 200 } } } },
  'sam/aws-samples__serverless-patterns__cognito-httpapi__template.yaml': { apis: { AppApi: { statuses: { 'GET /': 200 } } } },
  'sam/aws-samples__serverless-patterns__cognito-restapi__template.yaml': { apis: { AppApi: { statuses: { 'GET /': 200 } } } },
  'sam/aws-samples__serverless-patterns__serverless-multi-tenant-api__template.yaml': { apis: { MyApi: { statuses: { 'POST /': 200, 'GET /{id}': 200 } } } },
  'sam/aws-samples__serverless-samples__apigw-eventbridge-schema-validation__template.yaml': { apis: { Api: { statuses: { 'POST /': 200 } } } },
  'sam/aws-samples__sessions-with-aws-sam__api-enhanced-observability-variables__template.yaml': { apis: { MyApi: { statuses: { 'GET /': 200 } } } },
  'sam/aws-samples__sessions-with-aws-sam__http-api__template.yaml': {
    apis: {
      HttpApi: { statuses: { 'GET /': 200, 'GET /admin': 200, 'GET /both': 200, 'GET /simple': 200, 'GET /su': 200 } },
      ServerlessHttpApi: { statuses: { 'ANY /$default': 200 } },
    },
  },
  'sam/aws-samples__sessions-with-aws-sam__sam-or-cdk__sam__template.yaml': { apis: { httpApi: { statuses: { 'POST /': 200, 'GET /{id}': 200 } } } },
  'sam/aws__aws-sam-cli__tests__smoke__templates__sar__DVSA-template.yaml': {
    apis: {
      ApiGatewayApi: {
        statuses: { 'POST /order': 200, 'OPTIONS /order': 200, 'POST /payment': 200, 'OPTIONS /payment': 200, 'POST /total': 200, 'OPTIONS /total': 200 },
      },
    },
  },
  'sam/aws__aws-sam-cli__tests__smoke__templates__sar__api-gateway-dev-portal-template.yaml': {
    apis: {
      ApiGatewayApi: {
        statuses: {
          'OPTIONS /': 200,
          'ANY /': 200,
          'GET /admin/catalog/visibility': 200,
          'POST /admin/catalog/visibility': 200,
          'OPTIONS /admin/catalog/visibility': 200,
          'GET /catalog': 200,
          'OPTIONS /catalog': 200,
          'GET /feedback': 200,
          'POST /feedback': 200,
          'DELETE /feedback': 200,
          'OPTIONS /feedback': 200,
          'POST /marketplace-confirm/{usagePlanId}': 200,
          'OPTIONS /marketplace-confirm/{usagePlanId}': 200,
          'POST /register': 200,
          'OPTIONS /register': 200,
          'OPTIONS /{proxy+}': 200,
          'ANY /{proxy+}': 200,
        },
      },
    },
  },
  'sam/aws__aws-sam-cli__tests__smoke__templates__sar__dynamodb-display-template.yaml': {
    apis: { MySamApi: { statuses: { 'GET /': 200, 'OPTIONS /': 200 } } },
  },
  'sam/aws__aws-sam-cli__tests__smoke__templates__sar__image-resizer-service-template.yaml': { apis: { Api: { statuses: { 'GET /{proxy+}': 200 } } } },
  'sam/karthikeyanvgs__aws-serverless__cloudformation.yaml': {
    apis: { ApiGatewayApi: { statuses: { 'OPTIONS /': 200, 'ANY /': 200, 'OPTIONS /{proxy+}': 200, 'ANY /{proxy+}': 200 } } },
  },
};

/** What one template gives: its error, or per API (by logical id) the statuses. */
async function outcome(file) {
  const text = readFileSync(root + file, 'utf8');
  const files = Object.fromEntries(Object.entries(FILES[file] ?? {}).map(([name, path]) => [name, readFileSync(root + path, 'utf8')]));
  const found = await templateApis(text, files);
  if (found.error) return { error: found.error };
  const apis = {};
  const stageVariables = STAGE_VARIABLES[file];
  for (const api of found.apis) {
    apis[api] = await sweep(text, { api, parameters: found.parameters, files, ...(stageVariables ? { stageVariables } : {}) });
  }
  return { apis };
}

const files = () => ['sam', 'cfn'].flatMap((dir) => readdirSync(root + dir).map((file) => `${dir}/${file}`));

if (!existsSync(root)) {
  if (process.env.CI === 'true') {
    test('the real-world templates are present', () => assert.fail(`${root} is missing`));
  } else {
    test.skip(`real-world templates: ${root} is missing`, () => {});
  }
} else if (process.env.REALWORLD_PRINT) {
  test('print the outcomes', async () => {
    const out = {};
    for (const file of files().sort()) out[file] = await outcome(file);
    console.log(JSON.stringify(out, null, 2));
  });
} else {
  test('every real-world template has a row', () => {
    assert.deepEqual(files().sort(), Object.keys(EXPECTED).sort());
  });
  for (const [file, expected] of Object.entries(EXPECTED)) {
    test(file, async () => {
      assert.deepEqual(await outcome(file), expected);
    });
  }
}
