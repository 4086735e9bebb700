// Mapping templates rendered per second: Portico's engine through wasm
// (renderTemplate, the template parsed once) beside velocityjs with the
// $input / $util helpers a JS emulator must add (JSONPath by jsonpath-plus),
// also parsed once. Both outputs must be valid JSON before speed counts.
import velocity from 'velocityjs';
import { JSONPath } from 'jsonpath-plus';
import { renderTemplate } from '../../www/portico.mjs';
import { measureAsync, measure, report } from './harness.mjs';

const requestTemplate = `#set($body = $input.path('$'))
{
  "id": "$input.params('petId')",
  "verbose": "$input.params('verbose')",
  "name": "$util.escapeJavaScript($body.name)",
  "tags": $input.json('$.tags'),
  "owner": { "email": "$body.owner.email", "since": $body.owner.since },
  "params": {
#foreach($type in $input.params().keySet())
    "$type": {
#foreach($name in $input.params().get($type).keySet())
      "$name": "$util.escapeJavaScript($input.params().get($type).get($name))"#if($foreach.hasNext),#end

#end
    }#if($foreach.hasNext),#end

#end
  },
  "requestId": "$context.requestId"
}`;

const responseTemplate = `#set($items = $input.path('$.items'))
{
  "count": $items.size(),
  "items": [
#foreach($item in $items)
    { "id": $item.id, "label": "$util.escapeJavaScript($item.name)", "price": $item.price, "inStock": #if($item.stock > 0)true#{else}false#end }#if($foreach.hasNext),#end

#end
  ]
}`;

const requestInput = {
  body: JSON.stringify({ name: 'Rex "the dog"', tags: ['good', 'dog'], owner: { email: 'ann@example.com', since: 2019 } }),
  path: { petId: '42' },
  query: { verbose: 'true', page: '2' },
  headers: { Accept: 'application/json', 'User-Agent': 'bench/1.0', 'X-Request-Id': 'abc' },
  context: { requestId: 'req-1', stage: 'dev' },
};
const items = Array.from({ length: 100 }, (_, i) => ({ id: i, name: `item ${i} "x"`, price: i * 1.25, stock: i % 3 }));
const responseInput = { body: JSON.stringify({ items }), context: { requestId: 'req-1' } };

function jsEmulator(template) {
  const compiled = new velocity.Compile(velocity.parse(template));
  const escapeJavaScript = (s) =>
    String(s).replace(/[\\'"/\n\r\t\b\f]/g, (c) => ({ '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' })[c] ?? `\\${c}`);
  return (input) => {
    const document = JSON.parse(input.body || '{}');
    const params = { path: input.path ?? {}, querystring: input.query ?? {}, header: input.headers ?? {} };
    const select = (path) => JSONPath({ path, json: document, wrap: false });
    const context = {
      input: {
        body: input.body,
        json: (path) => JSON.stringify(select(path)),
        path: select,
        params: (name) => (name === undefined ? params : (params.path[name] ?? params.querystring[name] ?? params.header[name] ?? '')),
      },
      util: { escapeJavaScript, parseJson: JSON.parse, urlEncode: encodeURIComponent, urlDecode: decodeURIComponent },
      context: input.context ?? {},
      stageVariables: {},
    };
    return compiled.render(context);
  };
}

for (const [title, template, input] of [
  ['a request template (params, $input.path, $input.json, nested #foreach)', requestTemplate, requestInput],
  ['a response template (#foreach over 100 items)', responseTemplate, responseInput],
]) {
  const js = jsEmulator(template);
  const ours = await renderTemplate(template, input);
  if (ours.error) throw new Error(ours.error.message);
  JSON.parse(ours.output);
  JSON.parse(js(input));
  const peer = measure(() => js(input));
  const portico = await measureAsync(() => renderTemplate(template, input));
  report(`Renders per second: ${title}`, [
    ['velocityjs 2 + jsonpath-plus (JS emulator)', peer],
    ['portico wasm (renderTemplate)', portico],
  ]);
}
