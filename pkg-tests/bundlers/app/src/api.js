// One route, GET /hello, answered by the Lambda function `hello` (a proxy integration).
const lambdaUri = (name) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`;

export const definition = {
  openapi: '3.0.1',
  info: { title: 'Bundled', version: '1' },
  servers: [{ url: 'https://abc123.execute-api.us-east-1.amazonaws.com/dev' }],
  paths: {
    '/hello': {
      get: {
        'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('hello') },
      },
    },
  },
};
