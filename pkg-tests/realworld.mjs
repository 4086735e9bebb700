// Helpers for the real-world sweep: the functions a definition invokes, one
import { createGateway } from '../www/portico.mjs';
// request per method with a body its model accepts, and stand-ins for every
// backend, so a status says what Portico did with the document.

/** Lambda function names in an exported definition's integration and authorizer URIs. */
export function functionNames(exported) {
  const names = new Set();
  const text = JSON.stringify(exported);
  for (const match of text.matchAll(/:function:([^:/"]+)(?::[^/"]*)?\/(?:invocations|response-streaming-invocations)/g)) {
    names.add(match[1]);
  }
  return [...names].sort();
}

/** A Lambda proxy stand-in: 200 with `{}` (a REQUEST/TOKEN authorizer gets the same and fails closed). */
export const standInLambda = async () => ({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{}' });

/** Every AWS service answers 200 with `{}`. */
export const services = new Proxy({}, { get: () => async () => ({ status: 200, body: '{}' }) });

/** Every HTTP backend answers 200 with `{}`. */
export const stubFetch = async () => new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });

/** One request per method of the exported definition: `[label, method, path, body]`. */
export function requestsFor(exported) {
  const requests = [];
  for (const [path, item] of Object.entries(exported.paths ?? {})) {
    for (const [key, op] of Object.entries(item)) {
      const method = key === 'x-amazon-apigateway-any-method' ? 'GET' : key.toUpperCase();
      if (!['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'].includes(method)) continue;
      const concrete = path.replace(/\{[^}]+\+\}/g, 'a/b').replace(/\{[^}]+\}/g, 'x');
      requests.push([`${key === 'x-amazon-apigateway-any-method' ? 'ANY' : method} ${path}`, method, concrete, bodyFor(exported, op)]);
    }
  }
  return requests;
}

/** A JSON body the operation's request model accepts, else `{}`. */
function bodyFor(exported, op) {
  const schema = op.requestBody?.content?.['application/json']?.schema ?? op.parameters?.find((p) => p.in === 'body')?.schema;
  return JSON.stringify(schema ? (sample(exported, schema, 0) ?? {}) : {});
}

function sample(doc, schema, depth) {
  if (!schema || depth > 8) return undefined;
  if (schema.$ref) {
    const target = schema.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((at, key) => at?.[key], doc);
    return sample(doc, target, depth + 1);
  }
  if (schema.enum) return schema.enum[0];
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sample(doc, s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : (schema.type ?? (schema.properties ? 'object' : undefined));
  switch (type) {
    case 'object': {
      const out = {};
      for (const name of schema.required ?? Object.keys(schema.properties ?? {})) {
        const value = sample(doc, schema.properties?.[name] ?? {}, depth + 1);
        out[name] = value === undefined ? 'x' : value;
      }
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 1 }, () => sample(doc, schema.items ?? {}, depth + 1) ?? 'x');
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'email') return 'a@example.com';
      if (schema.format === 'date-time') return '2024-01-01T00:00:00Z';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    default:
      return undefined;
  }
}

/** What a document needs beyond stand-ins: the stage variables its URIs name, its VPC links' targets. */
export const OPTIONS = {
  'harbabi__api-spec__api-swagger.yaml': {
    stageVariables: {
      LambdaFunctionNameV1: 'TimeV1',
      LambdaAliasV1: 'live',
      LambdaFunctionNameV2: 'TimeV2',
      LambdaAliasV2: 'live',
      LambdaFunctionNameV3: 'TimeV3',
      LambdaAliasV3: 'live',
      WebhookCustomAuthorizer: 'WebhookAuthorizer',
      WebhookFunctionName: 'Webhook',
    },
  },
  'karthikeyanvgs__aws-serverless__simple-proxy-api.yaml': {
    stageVariables: { ServerlessExpressLambdaFunctionName: 'Express' },
  },
  'aws-samples__aws-modern-application-workshop__module-4__aws-cli__api-swagger.json': {
    vpcLinks: { REPLACE_ME_VPC_LINK_ID: 'http://backend.test' },
  },
  'aws-samples__serverless-patterns__apigw-rest-vpclink-pvt-alb-sam__api.yaml': {
    vpcLinks: { VpcLink: 'http://backend.test' },
  },
  'aws-samples__serverless-samples__fargate-rest-api__javascript-rest-nlb-ecs-sam__swagger.yaml': {
    vpcLinks: {
      LocationsServiceVPCLink: 'http://locations.test',
      ResourcesServiceVPCLink: 'http://resources.test',
      BookingsServiceVPCLink: 'http://bookings.test',
    },
  },
};

/**
 * Imports `text` and sends one request per method: `{ error }` when the
 * import fails, else `{ statuses: { 'GET /path': status } }`.
 */
export async function sweep(text, extra) {
  let gateway;
  try {
    gateway = await createGateway(text, extra);
  } catch (error) {
    return { error: error.message };
  }
  const exported = gateway.export();
  const stageVariables = extra.stageVariables ?? {};
  const named = [...functionNames(exported), ...gateway.functions.map((f) => f.name)];
  const names = named.map((name) => name.replace(/\$\{stageVariables\.([^}]+)\}/g, (_, v) => stageVariables[v] ?? ''));
  const lambdas = Object.fromEntries(names.map((name) => [name, standInLambda]));
  gateway = await createGateway(text, { ...extra, lambdas, services, fetch: stubFetch });
  const prefix = gateway.stage === '$default' ? '' : `/${gateway.stage}`;
  const statuses = {};
  for (const [label, method, path, body] of requestsFor(exported)) {
    const hasBody = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    const response = await gateway.fetch(
      new Request(`http://localhost${prefix}${path}`, {
        method,
        headers: hasBody ? { 'Content-Type': 'application/json' } : {},
        body: hasBody ? body : undefined,
      }),
    );
    statuses[label] = response.status;
  }
  return { statuses };
}

/** A stand-in value for a template parameter with no `Default`, by what its name says it holds. */
export function parameterValue(name) {
  if (/arn/i.test(name)) {
    if (/cognito|userpool/i.test(name)) return 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Example';
    return `arn:aws:lambda:us-east-1:123456789012:function:${name.replace(/Arn$/i, '')}`;
  }
  if (/email/i.test(name)) return 'admin@example.com';
  // CDK's asset parameters: the version key is `key||version`.
  if (/VersionKey/.test(name)) return 'asset.zip||version';
  return name.toLowerCase();
}

/**
 * The API logical ids of a template and the parameters it needs: imports
 * with stand-ins for parameters that have no `Default` (as
 * `--parameter-overrides` would give them), and an `api` option naming no
 * API, which the error answers with the template's APIs. `{ error }` when
 * the template does not import.
 */
export async function templateApis(text, files) {
  const parameters = {};
  for (;;) {
    try {
      await createGateway(text, { parameters, files, api: ' ' });
      return { error: 'the `api` option naming no API was accepted' };
    } catch (error) {
      const listed = /is not an API of the template; its APIs: (.*)$/.exec(error.message);
      if (listed) return { parameters, files, apis: [...listed[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]) };
      const missing = /the parameter `([^`]+)` has no `Default`/.exec(error.message);
      if (!missing || missing[1] in parameters) return { error: error.message };
      parameters[missing[1]] = parameterValue(missing[1]);
    }
  }
}
