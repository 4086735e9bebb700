// The items service: one Lambda behind the API's proxy and /items/{id}.
exports.handler = async (event) => {
  const id = event.pathParameters?.id ?? null;
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ path: event.path, resource: event.resource, id, table: process.env.TABLE_NAME }),
  };
};
