// The API's Lambda functions, with AWS's Node.js signature.

const PETS = { 7: { id: 7, name: 'Rex', type: 'dog' } };

export async function getPet(event) {
  const pet = PETS[event.pathParameters.id];
  if (!pet) return { statusCode: 404, body: JSON.stringify({ message: 'no such pet' }) };
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(pet) };
}
