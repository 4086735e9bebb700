// The Lambda function behind ML_Model's GET / (the walkthrough API Gateway
// newcomers follow). Handlers are keyed by function name.

export async function API_test(event, context) {
  return {
    statusCode: 200,
    body: JSON.stringify('Our first API gateway test was a success!!'),
  };
}
