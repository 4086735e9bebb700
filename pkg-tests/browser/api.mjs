// The browser tests' API: ML_Model (examples/ml-model/openapi.json) with
// three Lambda proxy resources added, POST /echo, GET /where and GET /fail
// (whose handler throws). Used by the test pages, the bundled worker
// (my-sw.mjs) and, in Node, by browser.test.mjs to compute the exact answers
// the browser must get.

const lambdaUri = (name) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`;

/** ML_Model's document with /echo, /where and /fail. */
export function withTestRoutes(mlModel) {
  const proxy = (name) => ({ 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri(name) } });
  return {
    ...mlModel,
    paths: {
      ...mlModel.paths,
      '/echo': { post: proxy('echo') },
      '/where': { get: proxy('where') },
      '/fail': { get: proxy('fail') },
    },
  };
}

/** The document, fetched from the test server (in a page or a worker). */
export async function loadDefinition(base) {
  const response = await fetch(new URL('/examples/ml-model/openapi.json', base));
  return withTestRoutes(await response.json());
}
