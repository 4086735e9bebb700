// A SAM or CloudFormation template as `portico serve` runs it, the way
// `sam local start-api` does: each function's code comes from disk
// (`CodeUri` + `Handler`; CDK's `aws:asset:path` folder), `DefinitionUri`
// files are read beside the template, `--parameter-overrides` and
// `--env-vars` apply, and each handler runs with the Lambda environment in
// `process.env`. A plain OpenAPI document goes straight to createGateway.

import { readFile, access } from 'node:fs/promises';
import { resolve, dirname, join, relative, isAbsolute } from 'node:path';
import { createGateway, templateFiles } from '../portico.mjs';

const isRecord = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * `--parameter-overrides` as `sam` takes them: `Key=Value` pairs, or
 * `ParameterKey=Key,ParameterValue=Value`, separated by spaces (each
 * argument may hold several); a value may be quoted.
 *
 * @param {string[] | undefined} texts
 * @returns {{ [name: string]: string }}
 */
export function parseParameterOverrides(texts) {
  /** @type {{ [name: string]: string }} */
  const out = {};
  for (const text of texts ?? []) {
    for (const token of text.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []) {
      const long = /^ParameterKey=([^,]+),ParameterValue=(.*)$/s.exec(token);
      const short = /^([A-Za-z0-9]+)=(.*)$/s.exec(token);
      const [, key, raw] = long ?? short ?? [];
      if (key === undefined) {
        throw new Error(
          `--parameter-overrides takes Key=Value (or ParameterKey=Key,ParameterValue=Value) pairs separated by spaces, as in '--parameter-overrides Stage=dev Table=t1'; got '${token}'`,
        );
      }
      out[key] = raw.replace(/"([^"]*)"|'([^']*)'/g, (_, double, single) => double ?? single);
    }
  }
  return out;
}

/**
 * The arguments with the `Key=Value` words that follow `--parameter-overrides`
 * joined into its value, so `--parameter-overrides A=1 B=2` reads as sam's
 * does (a word without `=` is the next argument, such as the template).
 *
 * @param {string[]} args
 */
export function gatherParameterOverrides(args) {
  const out = [];
  for (let i = 0; i < args.length; i++) {
    out.push(args[i]);
    if (args[i] !== '--parameter-overrides') continue;
    const words = [];
    while (i + 1 < args.length && !args[i + 1].startsWith('-') && args[i + 1].includes('=')) words.push(args[++i]);
    if (words.length) out.push(words.join(' '));
  }
  return out;
}

/**
 * `--env-vars env.json`: `{ "FunctionLogicalId": { NAME: value }, "Parameters": { NAME: value } }`.
 *
 * @param {string} path
 * @returns {Promise<{ [key: string]: { [name: string]: unknown } }>}
 */
async function readEnvVars(path) {
  let parsed;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`--env-vars ${path}: ${error.message}`, { cause: error });
  }
  if (!isRecord(parsed) || !Object.values(parsed).every(isRecord)) {
    throw new Error(
      `--env-vars ${path}: expected an object keyed by function logical id (or "Parameters" for every function), each an object of variables, as in { "HelloWorldFunction": { "TABLE": "t1" } }`,
    );
  }
  return parsed;
}

/** A variable's value as sam writes it into the environment. */
const envText = (value) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * The process environment while handlers run. Several invocations may run at
 * once in one process, so the variables of the one that started last are
 * the ones in `process.env`; when none runs, each variable is back to its
 * value before.
 */
class ProcessEnvironment {
  /** The values of the variables Portico has set, from before it set them (undefined: unset). */
  #before = new Map();
  /** The environments of the invocations running now, oldest first. */
  #active = [];

  /**
   * Puts `variables` in process.env until the returned function is called.
   *
   * @param {{ [name: string]: string }} variables
   */
  enter(variables) {
    for (const name of Object.keys(variables)) if (!this.#before.has(name)) this.#before.set(name, process.env[name]);
    const entry = { variables };
    this.#active.push(entry);
    this.#apply();
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.#active.splice(this.#active.indexOf(entry), 1);
      this.#apply();
    };
  }

  #apply() {
    const current = this.#active.at(-1)?.variables ?? {};
    for (const [name, before] of this.#before) {
      const value = Object.hasOwn(current, name) ? current[name] : before;
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

const environment = new ProcessEnvironment();

/**
 * `handler` running with `variables` in process.env (with the same arity, so
 * the callback style is still recognised). An error it throws is the
 * gateway's to report, with the request it failed.
 */
function inEnvironment(handler, variables) {
  const call = (args) => {
    const release = environment.enter(variables);
    if (handler.length >= 3 && typeof args[2] === 'function') {
      const callback = args[2];
      args[2] = (error, value) => {
        release();
        callback(error, value);
      };
    }
    let result;
    try {
      result = handler(...args);
    } catch (error) {
      release();
      throw error;
    }
    if (result && typeof result.then === 'function') {
      return Promise.resolve(result).finally(release);
    }
    if (handler.length < 3) release();
    return result;
  };
  return handler.length >= 3 ? (event, context, callback) => call([event, context, callback]) : (event, context) => call([event, context]);
}

/** An error as AWS's Node.js runtime raises it when a function's code cannot be loaded. */
function runtimeError(type, message) {
  const error = new Error(message);
  error.name = type;
  return error;
}

/**
 * What to load for a function: its code folder, the module and the export
 * its `Handler` names, or why Portico cannot load it.
 *
 * @param {import('../portico.mjs').FunctionInfo} info
 * @param {string} templateDir
 */
function codeOf(info, templateDir) {
  const where = info.assetPath !== undefined ? `aws:asset:path ${info.assetPath}` : `CodeUri ${info.codeUri ?? '(none: the template folder)'}`;
  if (info.runtime !== undefined && !info.runtime.startsWith('nodejs')) {
    return { problem: `its Runtime is ${info.runtime}; Portico runs Node.js functions only (give it with --handlers)` };
  }
  if (info.handler === undefined) return { problem: 'it has no Handler (give it with --handlers)' };
  const folder = info.assetPath ?? info.codeUri ?? '.';
  if (/^s3:\/\//.test(folder) || /\.(zip|jar)$/i.test(folder)) {
    return {
      problem: `its code is ${folder}, which Portico does not unpack: point ${info.assetPath !== undefined ? 'aws:asset:path' : 'CodeUri'} at the folder`,
    };
  }
  // The runtime splits `dir/module.export.path` at the first dot of its last segment.
  const slash = info.handler.lastIndexOf('/');
  const base = info.handler.slice(slash + 1);
  const dot = base.indexOf('.');
  if (dot <= 0 || dot === base.length - 1) return { problem: `its Handler '${info.handler}' is not module.export` };
  const dir = resolve(templateDir, folder);
  const module = join(dir, info.handler.slice(0, slash + 1), base.slice(0, dot));
  return { dir, module, exportName: base.slice(dot + 1), where };
}

/** The files the Node.js runtime tries for a module, in its order. */
const EXTENSIONS = ['.js', '.mjs', '.cjs'];

async function exists(file) {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Opens a definition file for the server. `project.createGateway(text,
 * options)` is createGateway for an OpenAPI document; for a template it
 * reads the `DefinitionUri` files, loads every function's handler from disk
 * (afresh each time: `importFresh(file)` imports a module and the modules it
 * imports from its folder anew), lets `options.lambdas` (`--handlers`) add
 * and override, and prints the functions it found no handler for.
 *
 * @param {object} options
 * @param {string} options.apiPath the definition file
 * @param {string} [options.api] the template's API to serve (logical id)
 * @param {{ [name: string]: string }} [options.parameters] parameter overrides
 * @param {string} [options.envVars] the env.json file
 * @param {(file: string) => Promise<object>} options.importFresh
 * @param {(file: string) => void} options.watch adds a file to those whose change reloads
 * @param {Pick<Console, 'info' | 'warn' | 'error'>} options.log
 */
export function openProject({ apiPath, api, parameters, envVars, importFresh, watch, log }) {
  const templateDir = dirname(apiPath);
  const shown = (file) => {
    const path = relative(process.cwd(), file);
    return path && !path.startsWith('..') && !isAbsolute(path) ? path : file;
  };
  /** The shell's values, which win over the template's for the variables it declares (as with sam). */
  const shell = { ...process.env };
  if (envVars) watch(resolve(envVars));

  /**
   * The template's gateway options, with each file its `DefinitionUri`s name
   * (`names`) read beside the template. One that cannot be read is left out
   * with a warning: the import says so if the API served needs it.
   */
  async function templateOptions(text, options, names) {
    const files = {};
    for (const wanted of names) {
      const file = resolve(templateDir, wanted);
      watch(file);
      try {
        files[wanted] = await readFile(file, 'utf8');
      } catch (error) {
        log.warn(`warning: the DefinitionUri file ${shown(file)} cannot be read: ${error.message}`);
      }
    }
    const withFiles = { ...options, api, parameters, files, lambdas: undefined };
    return { probe: await createGateway(text, withFiles), options: { ...withFiles, lambdas: options.lambdas } };
  }

  /** A function's variables as sam local sets them. */
  function variablesOf(info, overrides, region, dir) {
    const declared = {};
    for (const [name, value] of Object.entries(info.environment ?? {})) {
      const given = overrides[info.logicalId ?? '']?.[name] ?? overrides[info.functionName ?? '']?.[name] ?? overrides.Parameters?.[name];
      declared[name] = given !== undefined ? envText(given) : (shell[name] ?? value);
    }
    return {
      AWS_SAM_LOCAL: 'true',
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_LAMBDA_FUNCTION_NAME: info.name,
      AWS_LAMBDA_FUNCTION_HANDLER: info.handler ?? '',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(info.memorySize ?? 128),
      AWS_LAMBDA_FUNCTION_TIMEOUT: String(info.timeout ?? 3),
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${info.name}`,
      AWS_EXECUTION_ENV: `AWS_Lambda_${info.runtime ?? 'nodejs20.x'}`,
      LAMBDA_TASK_ROOT: dir ?? templateDir,
      ...declared,
    };
  }

  /** A function's handler from disk, or the problem that keeps it from loading. */
  async function load(info, variables) {
    const code = codeOf(info, templateDir);
    if (!code.module) return { problem: code.problem, error: new Error(`Portico cannot run ${info.logicalId ?? info.name}: ${code.problem}`) };
    let file;
    for (const extension of EXTENSIONS) {
      const candidate = code.module + extension;
      if (!file && (await exists(candidate))) file = candidate;
    }
    const tried = EXTENSIONS.map((e) => shown(code.module + e)).join(', ');
    if (!file) {
      // Creating the file reloads.
      for (const extension of EXTENSIONS) watch(code.module + extension);
      const typescript = (await exists(`${code.module}.ts`))
        ? `; ${shown(code.module)}.ts is TypeScript: run sam build and serve .aws-sam/build/template.yaml`
        : '';
      return {
        problem: `no file for Handler ${info.handler} (${code.where}): looked for ${tried}${typescript}`,
        error: runtimeError('Runtime.ImportModuleError', `Error: Cannot find module '${code.module.slice(code.module.lastIndexOf('/') + 1)}'`),
      };
    }
    // Module-level code reads process.env too.
    const release = environment.enter(variables);
    let exports;
    try {
      exports = await importFresh(file);
    } finally {
      release();
    }
    const handler = /** @type {{ [name: string]: unknown }} */ (exports)[code.exportName];
    if (typeof handler !== 'function') {
      const names = Object.keys(exports);
      return {
        problem: `${shown(file)} does not export ${code.exportName} (Handler ${info.handler}); it exports ${names.length ? names.join(', ') : 'no function'}`,
        error: runtimeError('Runtime.HandlerNotFound', `${info.handler.slice(info.handler.lastIndexOf('/') + 1)} is undefined or not exported`),
      };
    }
    return { handler };
  }

  async function templateGateway(text, options, files) {
    const { probe, options: gatewayOptions } = await templateOptions(text, options, files);
    const overrides = envVars ? await readEnvVars(resolve(envVars)) : {};
    const given = options.lambdas ?? {};
    const region = options.region ?? 'us-east-1';
    const lambdas = { ...given };
    const problems = [];
    const seen = new Set();
    for (const info of probe.functions) {
      // A function is listed once per place that invokes it; one not in the
      // template has no code here, and createGateway names it when missing.
      if (seen.has(info.name) || info.logicalId === undefined) continue;
      seen.add(info.name);
      const code = codeOf(info, templateDir);
      const variables = variablesOf(info, overrides, region, code.dir);
      const key = [info.arn, info.name, info.logicalId, info.functionName].find((k) => k !== undefined && typeof given[k] === 'function');
      const loaded = key !== undefined ? { handler: given[key] } : await load(info, variables);
      if (loaded.problem) problems.push(`function ${info.logicalId ?? info.name}: ${loaded.problem}`);
      const handler =
        loaded.handler ??
        (() => {
          throw loaded.error;
        });
      const wrapped = inEnvironment(handler, variables);
      lambdas[info.name] = wrapped;
      if (key !== undefined) lambdas[key] = wrapped;
    }
    for (const line of problems) log.warn(`warning: ${line}`);
    return createGateway(text, { ...gatewayOptions, lambdas });
  }

  return {
    /**
     * @param {string} text the definition file's text
     * @param {import('../portico.mjs').GatewayOptions} options
     */
    async createGateway(text, options) {
      // The core decides what is a template, as createGateway does.
      const files = await templateFiles(text);
      return files === null ? createGateway(text, options) : templateGateway(text, options, files);
    },
  };
}
