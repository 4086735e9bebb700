// What the harness uses of the core's wasm-bindgen glue (src/wasm.rs's
// exports as pkg/portico.js makes them). Texts cross as JSON, bytes beside
// them; a method that fails throws (a JsError, or the template's error as
// JSON text).

/** What `initSync` and the default export load the module from. */
export type WasmSource = WebAssembly.Module | BufferSource | URL | string | Response | Promise<Response>;

/** The instance's exports that the harness reads. */
export interface WasmExports {
  memory: WebAssembly.Memory;
}

export function initSync(module: { module: WebAssembly.Module | BufferSource }): WasmExports;
export default function init(module: { module_or_path?: WasmSource }): Promise<WasmExports>;

/** The files a SAM template's `DefinitionUri`s name, as a JSON array. */
export function templateFiles(definition: string): string;

/** Panics inside the wasm (the harness's containment tests). */
export function __porticoPanicForTests(): void;

/** A REST API imported and deployed: the gateway's core. */
export class WasmGateway {
  constructor(definition: string, options: string);
  free(): void;
  readonly stage: string;
  begin(request: string, body: Uint8Array): string;
  beginLogged(request: string, body: Uint8Array): string;
  beginTest(input: string, body: Uint8Array): string;
  resume(id: number, result: string, bytes: Uint8Array): string;
  takeBytes(): Uint8Array;
  enableCors(path: string, options: string): void;
  routeSpans(method: string, path: string): Uint32Array | undefined;
  pathScratch(capacity: number): number;
  routeScratch(method: number, len: number): number;
  routeScratchOut(): number;
  resources(): string;
  export(format: string): string;
  warnings(): string;
}

/** A parsed mapping template. */
export class WasmTemplate {
  constructor(source: string);
  free(): void;
  render(inputJson: string): string;
}

/** A compiled JSON Schema draft-04 schema. */
export class WasmSchema {
  constructor(schema: string, documents: string, baseUri: string);
  free(): void;
  validateText(text: string): string;
}
