// Type declarations for www/portico.mjs. The Lambda shapes are structural
// copies of @types/aws-lambda's (payload format 1.0 events, results,
// context), so handlers typed with either package fit both.

/** A Lambda proxy integration's event (payload format 1.0, REST APIs). */
export interface ProxyEvent {
  resource: string;
  path: string;
  httpMethod: string;
  headers: { [name: string]: string | undefined };
  multiValueHeaders: { [name: string]: string[] | undefined };
  queryStringParameters: { [name: string]: string | undefined } | null;
  multiValueQueryStringParameters: { [name: string]: string[] | undefined } | null;
  pathParameters: { [name: string]: string | undefined } | null;
  stageVariables: { [name: string]: string | undefined } | null;
  requestContext: ProxyRequestContext;
  body: string | null;
  isBase64Encoded: boolean;
}

/** `event.requestContext`. */
export interface ProxyRequestContext {
  accountId: string;
  apiId: string;
  authorizer: { [key: string]: any } | null | undefined;
  protocol: string;
  httpMethod: string;
  path: string;
  stage: string;
  requestId: string;
  requestTimeEpoch: number;
  resourceId: string;
  resourcePath: string;
  operationName?: string;
  extendedRequestId?: string;
  requestTime?: string;
  domainName?: string;
  domainPrefix?: string;
  deploymentId?: string;
  identity: {
    accessKey: string | null;
    accountId: string | null;
    apiKey: string | null;
    apiKeyId: string | null;
    caller: string | null;
    cognitoAuthenticationProvider: string | null;
    cognitoAuthenticationType: string | null;
    cognitoIdentityId: string | null;
    cognitoIdentityPoolId: string | null;
    principalOrgId: string | null;
    sourceIp: string;
    user: string | null;
    userAgent: string | null;
    userArn: string | null;
    clientCert: any;
  };
}

/** What a Lambda proxy function returns. */
export interface ProxyResult {
  statusCode: number;
  headers?: { [header: string]: boolean | number | string } | undefined;
  multiValueHeaders?: { [header: string]: Array<boolean | number | string> } | undefined;
  body: string;
  isBase64Encoded?: boolean | undefined;
}

/** The context object of AWS's Node.js runtime. */
export interface LambdaContext {
  callbackWaitsForEmptyEventLoop: boolean;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  getRemainingTimeInMillis(): number;
  /** Legacy: ends the invocation with a result. */
  succeed(result?: unknown): void;
  /** Legacy: ends the invocation with an error. */
  fail(error?: Error | string): void;
  /** Legacy: `done(error, result)`. */
  done(error?: Error | string | null, result?: unknown): void;
}

/** The callback of callback-style handlers. */
export type LambdaCallback<TResult = unknown> = (error?: Error | string | null, result?: TResult) => void;

/**
 * A Lambda function: `(event, context)` returning a value or a promise, or
 * the callback style `(event, context, callback)`. Return `networkError()`
 * to fail the request as the network would.
 */
export type LambdaHandler<TEvent = any, TResult = any> =
  | ((event: TEvent, context: LambdaContext) => TResult | Promise<TResult> | NetworkError | Promise<NetworkError>)
  | ((event: TEvent, context: LambdaContext, callback: LambdaCallback<TResult>) => void);

/** What an AWS service handler receives (`services` option). */
export interface ServiceCall {
  service: string;
  action: string | null;
  path: string | null;
  method: string;
  url: string;
  headers: { [name: string]: string };
  /** The rendered request template. */
  body: string;
  region: string;
}

/** A JSON value: what `JSON.stringify` writes as it is. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/** An AWS service handler's HTTP-like answer: its status, headers and body (a JSON value is sent as its JSON). */
export interface ServiceResponse {
  status: number;
  headers?: { [name: string]: string };
  body?: string | Uint8Array | JsonValue;
}

/**
 * What an AWS service handler returns: an HTTP-like answer (an object whose
 * `status` is a number), any other JSON value (200 with its JSON; nothing
 * gives `{}`), or `networkError()`.
 */
export type ServiceAnswer =
  | ServiceResponse
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { status?: Exclude<JsonValue, number>; [key: string]: JsonValue | undefined }
  | NetworkError
  | undefined
  | void;

/** A stage of the deployment (`stages` option). */
export interface StageOptions {
  variables?: { [name: string]: string };
  canary?: { percentTraffic: number; stageVariableOverrides?: { [name: string]: string } };
}

/** `createGateway`'s options. */
/**
 * A request that failed behind the gateway (its response is still API
 * Gateway's): what `onError` receives.
 */
export interface RequestFailure {
  method: string;
  path: string;
  status: number;
  /** What went wrong: `handler getPet threw`. */
  message: string;
  /** `GET /dev/pets/7 → 502: handler getPet threw`. */
  headline: string;
  /** What the handler threw, when one did. */
  error?: unknown;
  /** The request's execution-log lines. */
  log: string[];
  /** The whole report as Node prints it. */
  text: string;
}

export interface GatewayOptions {
  /** The stage, the first path segment (default `dev`, or the export's). */
  stage?: string;
  /** `$stageVariables` / `${stageVariables.x}`. */
  stageVariables?: { [name: string]: string };
  /** More stages of the same deployment. */
  stages?: { [name: string]: StageOptions };
  /** Lambda functions by name (or full ARN). */
  lambdas?: { [name: string]: LambdaHandler };
  /** Performs HTTP / HTTP_PROXY integration requests (default `globalThis.fetch`). */
  fetch?: (request: Request) => Promise<Response | NetworkError>;
  /** AWS service integrations, keyed `service:Action` or `service`. */
  services?: { [key: string]: (call: ServiceCall) => ServiceAnswer | Promise<ServiceAnswer> };
  /** Where a VPC link's requests go: `{ [connectionId]: baseUrl }`. */
  vpcLinks?: { [connectionId: string]: string };
  /**
   * Where HTTP / HTTP_PROXY integrations go instead: an origin
   * (`https://petstore.example.com`) to a base URL (`http://localhost:8080`);
   * `'*'` for every origin not named.
   */
  httpHosts?: { [origin: string]: string };
  /**
   * Receives each failed request instead of the console (a handler threw, a
   * function is missing ...), with the request as `fetch` or `handle` got it.
   */
  onError?: (failure: RequestFailure, context: { request: Request | RawRequest }) => void;
  /** Report no failed request (the default reports each on the console). */
  quiet?: boolean;
  /**
   * `'warn'`: say on the console when a browser would have been refused by
   * the real API's CORS (the preflight or the response lacks a matching
   * `Access-Control-Allow-Origin`, method or header); for a request a browser
   * preflights, the preflight runs through the gateway too (unless it would
   * reach a backend). The response is unchanged.
   */
  cors?: 'warn';
  apiId?: string;
  region?: string;
  accountId?: string;
  /** Refuse a definition whose import has warnings. */
  failOnWarnings?: boolean;
  /**
   * Refuse (reject with an Error naming them) when a Lambda function the API
   * invokes has no handler in `lambdas`; without it, each missing name is a
   * console warning, once, with the keys `lambdas` has and the closest one.
   * Only checked when `lambdas` is given.
   */
  failOnMissingHandlers?: boolean;
  /**
   * The kind of API to import the definition as, as the API Gateway endpoint
   * you import into decides on AWS (`apigateway` for REST, `apigatewayv2`
   * for HTTP). Without it, a document holding anything only REST APIs have
   * is a REST API, else one with an HTTP API's export markers is an HTTP API.
   * Fields the chosen kind does not have become import warnings.
   */
  apiType?: 'REST' | 'HTTP';
  /** In a CloudFormation / SAM template with several APIs, the logical id of the one to serve (default: the first). */
  api?: string;
  /** A template's parameter values, over its `Default`s (`--parameter-overrides`). */
  parameters?: { [name: string]: string };
  /** Files a template's `DefinitionUri` names, by path relative to the template. */
  files?: { [path: string]: string };
  /** The compiled module or the URL of `portico_bg.wasm`, where it cannot be found on its own. */
  wasm?: WebAssembly.Module | URL | string | Response | BufferSource;
}

/** A request as plain data, raw path and header casing kept. */
export interface RawRequest {
  method: string;
  path: string;
  query?: string;
  headers?: Array<[string, string]>;
  body?: Uint8Array;
  sourceIp?: string;
  /** Fixes the request's time (ids and dates become reproducible with `seed`). */
  timeEpochMs?: number;
  seed?: number;
}

/** A response as plain data. */
export interface RawResponse {
  status: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

/** `gateway.testInvoke`'s input: the console's Test button. */
export interface TestInvokeInput {
  method?: string;
  /** The resource path with values, no stage (`/pets/1`). */
  path?: string;
  query?: string;
  headers?: { [name: string]: string };
  body?: string;
  stageVariables?: { [name: string]: string };
  timeEpochMs?: number;
  seed?: number;
}

/** TestInvokeMethod's result. */
export interface TestInvokeResult {
  status: number;
  headers: { [name: string]: string };
  multiValueHeaders: { [name: string]: string[] };
  body: string;
  /** The execution log, line by line as the console shows it. */
  log: string;
  latencyMs: number;
}

/** Where API Gateway routes a request. */
export interface RouteMatch {
  resourceId: string;
  resourcePath: string;
  /** The method that serves it (`ANY` when ANY does). */
  method: string;
  pathParameters: { [name: string]: string };
}

/** A call the gateway made, as `integration:request` listeners see it. */
export type IntegrationCall =
  | { kind: 'lambda'; functionName: string; functionArn: string; requestId: string; payload: string }
  | { kind: 'http' | 'aws'; service?: string; action?: string | null; method: string; url: string; headers: Array<[string, string]>; body: string };

/** The lifecycle events and what each carries. */
export interface GatewayEvents {
  'request:start': { request: Request | RawRequest; requestId: string };
  'request:match': { request: Request | RawRequest; requestId: string; route: RouteMatch };
  'request:unhandled': { request: Request | RawRequest; requestId: string };
  'integration:request': { request: Request | RawRequest | TestInvokeInput; requestId: string; call: IntegrationCall };
  'response:mocked': { request: Request | RawRequest; requestId: string; response: RawResponse };
  'request:end': { request: Request | RawRequest; requestId: string };
}

/** A typed event emitter. */
export interface Emitter<Events> {
  on<K extends keyof Events>(type: K, listener: (payload: Events[K]) => void): this;
  once<K extends keyof Events>(type: K, listener: (payload: Events[K]) => void): this;
  off<K extends keyof Events>(type: K, listener: (payload: Events[K]) => void): this;
  removeAllListeners(type?: keyof Events): this;
  listenerCount(type: keyof Events): number;
}

/** An import warning. */
export interface ImportWarning {
  pointer: string;
  message: string;
}

/** "Enable CORS" options; the defaults are the console's. */
export interface CorsOptions {
  allowOrigin?: string;
  allowHeaders?: string;
  allowMethods?: string;
  gatewayResponses?: boolean;
}

/** An OpenAPI 3.0 or Swagger 2.0 document, with the `x-amazon-apigateway-*` extensions. */
export interface OpenApiDocument {
  openapi?: string;
  swagger?: string;
  info: { title: string; version: string; [key: string]: unknown };
  paths: { [path: string]: { [method: string]: unknown } };
  [key: string]: unknown;
}

/** A REST API deployed to its stages. */
export interface Gateway {
  /** Handles a Fetch API request as API Gateway would; `sourceIp` is the client's address. */
  fetch(request: Request, options?: { sourceIp?: string }): Promise<Response>;
  /** Handles a request given as plain data. */
  handle(raw: RawRequest): Promise<RawResponse>;
  /** The console's Test button (TestInvokeMethod). */
  testInvoke(input: TestInvokeInput): Promise<TestInvokeResult>;
  /** Where API Gateway would route a request; `null` for a 403. `path` starts with the stage. */
  route(method: string, path: string): RouteMatch | null;
  /** The API as OpenAPI 3.0 (`'oas30'`) or Swagger 2.0 (`'swagger'`). */
  export(format?: 'oas30' | 'swagger'): OpenApiDocument;
  /** The console's "Enable CORS" on a resource. */
  enableCors(resourcePath: string, options?: CorsOptions): void;
  readonly warnings: ImportWarning[];
  /** The Lambda functions the API invokes (integrations and authorizers). */
  readonly functions: FunctionInfo[];
  /** The default stage. */
  readonly stage: string;
  readonly events: Emitter<GatewayEvents>;
}

/** Imports an API definition (OpenAPI 3.0 / Swagger 2.0, object or JSON/YAML text) and deploys it. */
export function createGateway(definition: string | object, options?: GatewayOptions): Promise<Gateway>;

/** `renderTemplate`'s input. */
export interface TemplateInput {
  body?: string;
  headers?: { [name: string]: string };
  query?: string | { [name: string]: string };
  path?: { [name: string]: string };
  context?: { [key: string]: unknown };
  stageVariables?: { [name: string]: string };
}

/** A mapping template's output, or where it failed. */
export type TemplateResult = { output: string } | { error: { message: string; line: number; column: number } };

/** The files a SAM template's `DefinitionUri`s name, relative to it: what `createGateway`'s `files` option should hold; `null` for an OpenAPI document. */
export function templateFiles(definition: string | object, options?: { wasm?: GatewayOptions['wasm'] }): Promise<string[] | null>;

/** Renders an API Gateway mapping template against a request, without an API. */
export function renderTemplate(template: string, input?: TemplateInput, options?: { wasm?: GatewayOptions['wasm'] }): Promise<TemplateResult>;

/** One validation error, in the words of the validator API Gateway uses. */
export interface ValidationError {
  instancePointer: string;
  schemaPointer: string;
  keyword: string;
  message: string;
}

/** Options of `validate` / `compileSchema`. */
export interface SchemaOptions {
  /** Documents `$ref`s may name, by URI. */
  documents?: { [uri: string]: object };
  baseUri?: string;
  wasm?: GatewayOptions['wasm'];
}

/** A compiled JSON Schema draft-04 schema. */
export interface CompiledSchema {
  validate(instance: unknown): ValidationError[];
  validateText(json: string): ValidationError[];
  free(): void;
}

/** Validates a value against a JSON Schema draft-04 schema; `[]` when valid. */
export function validate(schema: object | string, instance: unknown, options?: SchemaOptions): Promise<ValidationError[]>;

/** Compiles a JSON Schema draft-04 schema for many validations. */
export function compileSchema(schema: object | string, options?: SchemaOptions): Promise<CompiledSchema>;

declare const networkErrorMarker: unique symbol;

/** The marker `networkError()` returns (only it makes one). */
export interface NetworkError {
  readonly [networkErrorMarker]: string;
}

/** Fails the request as the network would (a TypeError for the caller). */
export function networkError(message?: string): NetworkError;

/** Waits `ms` milliseconds (without: a realistic 100-400 ms in browsers, none under Node). */
export function delay(ms?: number): Promise<void>;

/** A Lambda function an API invokes, with what its template says about it. */
export interface FunctionInfo {
  /** The function's name in its ARN: the key `lambdas` is looked up by (a template's logical id or `FunctionName` works too). */
  name: string;
  arn: string;
  /** Where the definition references it (a JSON pointer). */
  pointer: string;
  logicalId?: string;
  functionName?: string;
  handler?: string;
  codeUri?: string;
  runtime?: string;
  environment?: { [name: string]: string };
  /** Seconds. */
  timeout?: number;
  /** MB. */
  memorySize?: number;
  /** CDK's asset folder (`Metadata.aws:asset:path`), relative to the template. */
  assetPath?: string;
}

export type {
  TypedHandler,
  ProxyHandler,
  HttpApiEvent,
  HttpApiRequestContext,
  HttpApiStructuredResult,
  HttpApiResult,
  HttpApiHandler,
  TokenAuthorizerEvent,
  RequestAuthorizerEvent,
  PolicyStatement,
  AuthorizerResult,
  TokenAuthorizerHandler,
  RequestAuthorizerHandler,
  HttpApiAuthorizerEvent,
  HttpApiSimpleAuthorizerResult,
  HttpApiSimpleAuthorizerHandler,
} from './handler-types.d.mts';
