export const lambdas = {
  hello: async () => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'hello from the bundle' }),
};
