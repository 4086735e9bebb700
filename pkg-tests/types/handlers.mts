// Portico's handler types check what a handler returns, and fit
// @types/aws-lambda's both ways (pkg-tests/types.test.mjs).
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyHandler,
  APIGatewayProxyHandlerV2,
  APIGatewayTokenAuthorizerHandler,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayAuthorizerResult,
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerResult,
} from 'aws-lambda';
import { createGateway } from '../../www/portico.mjs';
import type {
  ProxyHandler,
  HttpApiHandler,
  TokenAuthorizerHandler,
  RequestAuthorizerHandler,
  HttpApiSimpleAuthorizerHandler,
  HttpApiEvent,
  RequestAuthorizerEvent,
  AuthorizerResult,
  HttpApiAuthorizerEvent,
  HttpApiSimpleAuthorizerResult,
} from '../../www/portico.mjs';

export const getPet: ProxyHandler = async (event) => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ id: event.pathParameters?.petId }),
});

export const listPets: HttpApiHandler<{ pets: string[] }> = async (event) => (event.rawQueryString ? 'filtered' : { pets: [] });
export const structured: HttpApiHandler = async (event) => ({ statusCode: 201, cookies: ['a=1'], body: event.routeKey });

const allow = (resource: string): AuthorizerResult => ({
  principalId: 'user',
  policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: resource }] },
  context: { tier: 'gold', level: 3 },
});
export const token: TokenAuthorizerHandler = async (event) => allow(event.methodArn);
export const request: RequestAuthorizerHandler = async (event) => allow(event.methodArn);
export const simple: HttpApiSimpleAuthorizerHandler = async (event) => ({ isAuthorized: event.identitySource.length > 0 });

// The same handlers, typed by @types/aws-lambda, fit Portico's types, and Portico's events fit theirs.
export const awsProxy: ProxyHandler = (async () => ({ statusCode: 200, body: '' })) satisfies APIGatewayProxyHandler;
export const awsV2: HttpApiHandler = (async () => ({ statusCode: 200 })) satisfies APIGatewayProxyHandlerV2;
export const awsToken: TokenAuthorizerHandler = (async () => allow('*')) satisfies APIGatewayTokenAuthorizerHandler;
export const events = (
  v1: Parameters<ProxyHandler>[0],
  v2: HttpApiEvent,
  request: RequestAuthorizerEvent,
  v2Authorizer: HttpApiAuthorizerEvent,
  result: AuthorizerResult,
  simpleResult: HttpApiSimpleAuthorizerResult,
): [
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayRequestAuthorizerEventV2,
  APIGatewayAuthorizerResult,
  APIGatewaySimpleAuthorizerResult,
] => [v1, v2, request, v2Authorizer, result, simpleResult];

await createGateway('{}', { lambdas: { getPet, listPets, structured, token, request, simple } });
