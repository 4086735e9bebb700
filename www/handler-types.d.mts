// Handler types: what a Lambda function behind each kind of integration
// receives and must return, so that `tsc` checks a handler's result (a
// `body` that is not a string fails to compile, as API Gateway would fail
// the request). The shapes are structural: a handler typed with
// @types/aws-lambda fits these, and these fit @types/aws-lambda's, without
// the package depending on it.
import type { LambdaCallback, LambdaContext, NetworkError, ProxyEvent, ProxyResult } from './portico.mjs';

/**
 * A Lambda function of event `TEvent` and result `TResult`: it returns the
 * result (or a promise of it), or uses the callback.
 */
export type TypedHandler<TEvent, TResult> = (
  event: TEvent,
  context: LambdaContext,
  callback: LambdaCallback<TResult>,
) => void | TResult | NetworkError | Promise<TResult | NetworkError>;

/** A REST API's Lambda proxy function (payload format 1.0). */
export type ProxyHandler = TypedHandler<ProxyEvent, ProxyResult>;

/** `event.requestContext` of payload format 2.0. */
export interface HttpApiRequestContext {
  accountId: string;
  apiId: string;
  domainName: string;
  domainPrefix: string;
  http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
  requestId: string;
  routeKey: string;
  stage: string;
  time: string;
  timeEpoch: number;
  authorizer?: { [key: string]: any };
}

/** An HTTP API's Lambda event (payload format 2.0). */
export interface HttpApiEvent {
  version: string;
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: { [name: string]: string | undefined };
  queryStringParameters?: { [name: string]: string | undefined };
  requestContext: HttpApiRequestContext;
  body?: string;
  pathParameters?: { [name: string]: string | undefined };
  isBase64Encoded: boolean;
  stageVariables?: { [name: string]: string | undefined };
}

/** A payload format 2.0 response, read as the response (it has `statusCode`). */
export interface HttpApiStructuredResult {
  statusCode?: number;
  headers?: { [header: string]: boolean | number | string };
  body?: string;
  isBase64Encoded?: boolean;
  cookies?: string[];
}

/**
 * What an HTTP API's function may return: a structured response, a string
 * (the body), or `TBody`, any other JSON (a 200 with that JSON) that the
 * handler names, as in `HttpApiHandler<{ id: string }>`.
 */
export type HttpApiResult<TBody = never> = HttpApiStructuredResult | string | TBody;

/** An HTTP API's Lambda proxy function (payload format 2.0). */
export type HttpApiHandler<TBody = never> = TypedHandler<HttpApiEvent, HttpApiResult<TBody>>;

/** A TOKEN authorizer's event. */
export interface TokenAuthorizerEvent {
  type: 'TOKEN';
  methodArn: string;
  authorizationToken: string;
}

/** A REST API REQUEST authorizer's event. */
export interface RequestAuthorizerEvent {
  type: 'REQUEST';
  methodArn: string;
  resource: string;
  path: string;
  httpMethod: string;
  headers: { [name: string]: string | undefined } | null;
  multiValueHeaders: { [name: string]: string[] | undefined } | null;
  pathParameters: { [name: string]: string | undefined } | null;
  queryStringParameters: { [name: string]: string | undefined } | null;
  multiValueQueryStringParameters: { [name: string]: string[] | undefined } | null;
  stageVariables: { [name: string]: string | undefined } | null;
  /** As a proxy event's, without `authorizer` (no authorizer has run yet). */
  requestContext: Omit<ProxyEvent['requestContext'], 'authorizer'> & { authorizer: undefined };
}

/** One statement of an authorizer's IAM policy. */
export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Sid?: string;
}

/** What a REST API's Lambda authorizer returns. */
export interface AuthorizerResult {
  principalId: string;
  policyDocument: { Version: string; Statement: PolicyStatement[] };
  /** `$context.authorizer.<key>`: strings, numbers and booleans only. */
  context?: { [key: string]: string | number | boolean | null | undefined } | null;
  usageIdentifierKey?: string | null;
}

/** A TOKEN authorizer. */
export type TokenAuthorizerHandler = TypedHandler<TokenAuthorizerEvent, AuthorizerResult>;

/** A REST API REQUEST authorizer. */
export type RequestAuthorizerHandler = TypedHandler<RequestAuthorizerEvent, AuthorizerResult>;

/** An HTTP API Lambda authorizer's event (payload format 2.0). */
export interface HttpApiAuthorizerEvent {
  version: string;
  type: 'REQUEST';
  routeArn: string;
  identitySource: string[];
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies: string[];
  headers?: { [name: string]: string | undefined };
  queryStringParameters?: { [name: string]: string | undefined };
  requestContext: HttpApiRequestContext;
  pathParameters?: { [name: string]: string | undefined };
  stageVariables?: { [name: string]: string | undefined };
}

/** An HTTP API authorizer's simple response (`enableSimpleResponses`). */
export interface HttpApiSimpleAuthorizerResult {
  isAuthorized: boolean;
  context?: { [key: string]: unknown };
}

/** An HTTP API Lambda authorizer with simple responses. */
export type HttpApiSimpleAuthorizerHandler = TypedHandler<HttpApiAuthorizerEvent, HttpApiSimpleAuthorizerResult>;
