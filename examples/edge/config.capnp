# Portico at the edge, in workerd (the runtime behind Cloudflare Workers).
#
#   npx workerd serve examples/edge/config.capnp
#   curl -s http://127.0.0.1:8080/dev/
#
# Three services:
#   :8080  ml-model              worker.mjs: ML_Model and its Lambda handler;
#                                outside the API, API Gateway's 403
#   :8081  ml-model-passthrough  the same Worker with PORTICO_UNMATCHED =
#                                "passthrough": what the API does not route
#                                goes on to fetch(request), here the origin
#                                server at 127.0.0.1:8000
#   :8082  petstore              no code of ours: www/edge.mjs's default
#                                export with the PetStore in PORTICO_API,
#                                stage "prod" (GET /prod/ is its MOCK page)
#
# Module names are paths from the repository root, so that the imports
# between them (../../www/edge.mjs, ../pkg/portico.js, ...) resolve as on disk.
# `--socket-addr NAME=ADDR` and `--external-addr origin=ADDR` move them.

using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "ml-model", worker = .mlModel),
    (name = "ml-model-passthrough", worker = .mlModelPassthrough),
    (name = "petstore", worker = .petstore),
    (name = "origin", external = (address = "127.0.0.1:8000", http = ())),
  ],
  sockets = [
    (name = "http", address = "127.0.0.1:8080", http = (), service = "ml-model"),
    (name = "passthrough", address = "127.0.0.1:8081", http = (), service = "ml-model-passthrough"),
    (name = "petstore", address = "127.0.0.1:8082", http = (), service = "petstore"),
  ],
);

# Portico's own modules: the edge module, the harness, the wasm-bindgen glue
# and the core (imported as a compiled WebAssembly.Module).
const mlModelModules :List(Workerd.Worker.Module) = [
  (name = "examples/edge/worker.mjs", esModule = embed "worker.mjs"),
  (name = "examples/ml-model/openapi.json", json = embed "../ml-model/openapi.json"),
  (name = "examples/ml-model/handlers.mjs", esModule = embed "../ml-model/handlers.mjs"),
  (name = "www/edge.mjs", esModule = embed "../../www/edge.mjs"),
  (name = "www/portico.mjs", esModule = embed "../../www/portico.mjs"),
  (name = "www/core/events.mjs", esModule = embed "../../www/core/events.mjs"),
  (name = "www/core/cors-check.mjs", esModule = embed "../../www/core/cors-check.mjs"),
  (name = "www/core/glue.mjs", esModule = embed "../../www/core/glue.mjs"),
  (name = "www/core/http-hosts.mjs", esModule = embed "../../www/core/http-hosts.mjs"),
  (name = "www/core/lambda.mjs", esModule = embed "../../www/core/lambda.mjs"),
  (name = "www/core/report.mjs", esModule = embed "../../www/core/report.mjs"),
  (name = "www/core/handler-check.mjs", esModule = embed "../../www/core/handler-check.mjs"),
  (name = "www/core/runtime.mjs", esModule = embed "../../www/core/runtime.mjs"),
  (name = "www/core/wasm-source.mjs", esModule = embed "../../www/core/wasm-source.mjs"),
  (name = "www/core/steps.mjs", esModule = embed "../../www/core/steps.mjs"),
  (name = "www/core/suggest.mjs", esModule = embed "../../www/core/suggest.mjs"),
  (name = "pkg/portico.js", esModule = embed "../../pkg/portico.js"),
  (name = "pkg/portico_bg.wasm", wasm = embed "../../pkg/portico_bg.wasm"),
];

# 2026-11-17 or later: www/portico.mjs reads import.meta.url, which workerd
# provides from then on (earlier dates: compatibilityFlags = ["new_module_registry"]).
const mlModel :Workerd.Worker = (
  modules = .mlModelModules,
  compatibilityDate = "2026-11-17",
  bindings = [(name = "PORTICO_UNMATCHED", text = "forbidden")],
);

const mlModelPassthrough :Workerd.Worker = (
  modules = .mlModelModules,
  compatibilityDate = "2026-11-17",
  bindings = [(name = "PORTICO_UNMATCHED", text = "passthrough")],
  globalOutbound = "origin",
);

const petstore :Workerd.Worker = (
  modules = [
    (name = "www/edge.mjs", esModule = embed "../../www/edge.mjs"),
    (name = "www/portico.mjs", esModule = embed "../../www/portico.mjs"),
    (name = "www/core/events.mjs", esModule = embed "../../www/core/events.mjs"),
    (name = "www/core/cors-check.mjs", esModule = embed "../../www/core/cors-check.mjs"),
    (name = "www/core/glue.mjs", esModule = embed "../../www/core/glue.mjs"),
    (name = "www/core/http-hosts.mjs", esModule = embed "../../www/core/http-hosts.mjs"),
    (name = "www/core/lambda.mjs", esModule = embed "../../www/core/lambda.mjs"),
    (name = "www/core/report.mjs", esModule = embed "../../www/core/report.mjs"),
    (name = "www/core/handler-check.mjs", esModule = embed "../../www/core/handler-check.mjs"),
    (name = "www/core/runtime.mjs", esModule = embed "../../www/core/runtime.mjs"),
    (name = "www/core/wasm-source.mjs", esModule = embed "../../www/core/wasm-source.mjs"),
    (name = "www/core/steps.mjs", esModule = embed "../../www/core/steps.mjs"),
    (name = "www/core/suggest.mjs", esModule = embed "../../www/core/suggest.mjs"),
    (name = "pkg/portico.js", esModule = embed "../../pkg/portico.js"),
    (name = "pkg/portico_bg.wasm", wasm = embed "../../pkg/portico_bg.wasm"),
  ],
  compatibilityDate = "2026-11-17",
  bindings = [
    (name = "PORTICO_API", text = embed "../petstore/openapi.json"),
    (name = "PORTICO_STAGE", text = "prod"),
  ],
);
