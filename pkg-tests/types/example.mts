// A typed user of the JS API: `tsc --noEmit` must accept it (pkg-tests/types.test.mjs).
// Handlers typed with @types/aws-lambda fit Portico's options, and
// Portico's event and context types fit @types/aws-lambda's.
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context, Handler } from 'aws-lambda';
import { createGateway, renderTemplate, validate, compileSchema, delay, networkError } from '../../www/portico.mjs';
import type { ProxyEvent, ProxyResult, LambdaContext, GatewayEvents, GatewayOptions, OpenApiDocument, TestInvokeResult } from '../../www/portico.mjs';

const withAwsTypes = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
  await delay(1);
  return { statusCode: 200, body: JSON.stringify({ id: event.pathParameters?.id, request: context.awsRequestId }) };
};

const withPorticoTypes = async (event: ProxyEvent, context: LambdaContext): Promise<ProxyResult> => ({
  statusCode: 200,
  headers: { 'X-Remaining': context.getRemainingTimeInMillis() },
  body: event.body ?? '',
});

const callbackStyle = (event: ProxyEvent, _context: LambdaContext, callback: (error?: Error | string | null, result?: ProxyResult) => void) => {
  callback(null, { statusCode: 204, body: '' });
};

// Portico's shapes are assignable to @types/aws-lambda's, so existing typed code takes them.
const asAws = (event: ProxyEvent, context: LambdaContext): [APIGatewayProxyEvent, Context] => [event, context];
const awsHandler: Handler<APIGatewayProxyEvent, APIGatewayProxyResult> = withAwsTypes;

const gateway = await createGateway('{"openapi":"3.0.1","info":{"title":"T","version":"1"},"paths":{}}', {
  stage: 'dev',
  stageVariables: { table: 'pets' },
  lambdas: { withAwsTypes, withPorticoTypes, callbackStyle, offline: async () => networkError() },
  services: { 'dynamodb:GetItem': async (call) => ({ status: 200, body: { Item: {}, from: call.action } }) },
  fetch: (request) => fetch(request),
});

gateway.events.on('request:match', ({ route, requestId }: GatewayEvents['request:match']) => {
  const path: string = route.resourcePath;
  console.log(requestId, path);
});
gateway.enableCors('/pets', { allowOrigin: 'https://app.example' });

const response: Response = await gateway.fetch(new Request('https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/dev/'));
const result: TestInvokeResult = await gateway.testInvoke({ method: 'GET', path: '/', headers: { Accept: 'application/json' } });
const rendered = await renderTemplate('$input.json("$")', { body: '{}' });
if ('output' in rendered) console.log(rendered.output.length);
const errors = await validate({ type: 'object' }, [1]);
const schema = await compileSchema({ type: 'string' });
console.log(response.status, result.log.length, errors[0]?.message, schema.validateText('"x"').length, asAws, awsHandler);

// Service Worker, page mode and the edge, typed.
import { setupWorker, interceptFetch } from '../../www/browser.mjs';
import { createEdgeHandler } from '../../www/edge.mjs';
const worker = setupWorker({ openapi: '3.0.1' }, { lambdas: { withAwsTypes }, hosts: ['https://api.example.com/v1'], onUnhandledRequest: 'warn' });
worker.events.on('response:bypass', ({ response }) => console.log(response.status));
const mode: 'relay' | 'bundled' | 'page' | null = worker.mode;
void worker.use({ lambdas: { withPorticoTypes } }).then(() => worker.resetHandlers());
const { restore } = interceptFetch(gateway, { hosts: [{ url: 'https://api.example.com', stage: 'dev' }] });
restore();
const edge = createEdgeHandler({ definition: { openapi: '3.0.1' }, lambdas: { withAwsTypes }, unmatched: 'passthrough' });
const edgeResponse: Promise<Response> = edge.fetch(new Request('https://x.example/dev/'));
console.log(mode, edgeResponse);

// An export is a document, not `any`.
const exported: OpenApiDocument = gateway.export('swagger');
const title: string = exported.info.title;

// A service answers with a status, headers and a body, or with any other JSON value.
const services: GatewayOptions['services'] = {
  'sqs:SendMessage': () => ({ MessageId: 'm-1', status: 'queued' }),
  'sns:Publish': async () => networkError(),
  's3:PutObject': async () => {},
  // @ts-expect-error an HTTP-like answer's headers are strings
  'a:Headers': async () => ({ status: 200, headers: { 'X-Count': 5 } }),
  // @ts-expect-error a body is text, bytes or JSON
  'a:Body': async () => ({ status: 200, body: () => 'not JSON' }),
  // @ts-expect-error a symbol is not JSON
  'a:Symbol': () => Symbol('x'),
};

// The edge handler's bindings are the runtime's, typed by the caller.
import { compileHosts, type CompiledHost, type StartOptions } from '../../www/browser.mjs';
const typedEdge = createEdgeHandler<{ ORIGIN: string }>({ unmatched: (request, env) => fetch(new URL(new URL(request.url).pathname, env.ORIGIN)) });
const hosts: CompiledHost[] = compileHosts(['https://api.example.com/v1']);
const startOptions: StartOptions = { serviceWorker: { url: '/sw.js', options: { scope: '/' } }, onUnhandledRequest: 'error', quiet: true };
// @ts-expect-error start() takes StartOptions, not any object
void worker.start({ quite: true });
console.log(title, services, typedEdge, hosts[0]?.type, startOptions);
