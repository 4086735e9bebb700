// The one function behind examples/proxy: it answers with what it received,
// which makes the Lambda proxy event easy to look at.

export async function app(event, context) {
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      resource: event.resource,
      path: event.path,
      method: event.httpMethod,
      pathParameters: event.pathParameters,
      query: event.queryStringParameters,
    }),
  };
}
