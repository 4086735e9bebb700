#!/usr/bin/env node
// The portico command line.
//
//   portico serve <definition> [--handlers file] [--port N] [--host H]
//                 [--stage S] [--stage-variables k=v,...] [--quiet]
//                 [--http-base URL] [--http-map origin=URL ...]
//                 [--api logicalId] [--parameter-overrides K=V ...] [--env-vars env.json]
//   portico init <publicDir> [--with-runtime]
//   portico help [command]
//   portico --version
//
// Each subcommand is one entry of COMMANDS below: its usage, its options
// (node:util parseArgs form) and its run function. Usage errors exit with
// code 2, other failures with 1.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serve, displayPath } from '../www/server.mjs';
import { routeLines } from '../www/node/log.mjs';
import { closest } from '../www/core/suggest.mjs';
import { gatherParameterOverrides, parseParameterOverrides } from '../www/node/project.mjs';
import { command as init } from './init.mjs';

class UsageError extends Error {}

const COMMANDS = {
  serve: {
    summary: 'serve an API locally, reloading it when its files change',
    usage:
      'portico serve <definition> [--handlers file] [--port N] [--host H] [--stage S] [--stage-variables k=v,...] [--quiet] [--http-base URL] [--http-map origin=URL] [--api id] [--parameter-overrides K=V ...] [--env-vars file]',
    details: `
  <definition>              the API: OpenAPI 3 or Swagger 2, JSON or YAML, with
                            the x-amazon-apigateway-* extensions; or a SAM or
                            CloudFormation template (template.yaml, template.json,
                            cdk.out/Stack.template.json), its functions loaded
                            from CodeUri + Handler (CDK: aws:asset:path) as
                            sam local does
  --handlers <file>         the Lambda functions: an ES module whose named exports
                            (or default export object) are keyed by function name
                            (a template's: by logical id too; these win over the
                            template's code)
  --api <logicalId>         a template's API to serve (default: the first)
  --parameter-overrides <K=V ...>
                            template parameters, as sam takes them: Key=Value
                            or ParameterKey=Key,ParameterValue=Value
  --env-vars <file>         a JSON file of function variables, as sam takes it:
                            { "FunctionLogicalId": { "NAME": "value" },
                              "Parameters": { "NAME": "value" } }
  --port <N>                the port (default: $PORT, else 3000; 0 picks a free one)
  --host <H>                the address to listen on (default 127.0.0.1)
  --stage <S>               the stage, the first path segment (default: the
                            definition's servers base path, else dev)
  --stage-variables <k=v,...>
                            stage variables, e.g. --stage-variables env=dev,table=t1
                            (may be repeated; a comma belongs to the value unless
                            a name= follows it)
  --quiet                   no line per request (failures are still printed)
  --http-base <URL>         send every HTTP / HTTP_PROXY integration to this
                            origin instead, e.g. --http-base http://localhost:8080
  --http-map <origin=URL>   send one origin's integrations elsewhere, e.g.
                            --http-map https://petstore.example.com=http://localhost:8080
                            (may be repeated; wins over --http-base)

Each request prints a line (method, path, status, the function that served
it, latency); a request that fails behind the gateway (a handler threw, a
function is missing, a malformed result, a timeout, an unreachable backend)
prints what went wrong, the stack and its execution log on stderr.

The definition, the handlers and the modules they import from their own
directory (a template's: its function folders, DefinitionUri files and
env.json) are watched: a change reloads them, and a definition or a handler
that fails to load leaves the previous version serving.`,
    options: {
      handlers: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      stage: { type: 'string' },
      'stage-variables': { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      'http-base': { type: 'string' },
      'http-map': { type: 'string', multiple: true },
      api: { type: 'string' },
      'parameter-overrides': { type: 'string', multiple: true },
      'env-vars': { type: 'string' },
    },
    positionals: ['definition'],
    run: runServe,
  },

  help: {
    summary: "show this help, or a command's",
    usage: 'portico help [command]',
    options: {},
    positionals: [],
    optionalPositionals: ['command'],
    run: ({ positionals }) => {
      const [name] = positionals;
      if (name === undefined) return void console.log(overview());
      if (!Object.hasOwn(COMMANDS, name)) throw unknownCommand(name);
      console.log(commandHelp(name));
    },
  },

  init,
};

/** The package's version. */
function version() {
  return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
}

function overview() {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Portico: Amazon API Gateway as a WebAssembly module.

Usage: portico <command> [arguments]

Commands:
${lines.join('\n')}

Run 'portico help <command>' for a command's options, 'portico --version' for the version.`;
}

function commandHelp(name) {
  const c = COMMANDS[name];
  return `Usage: ${c.usage}\n\n${c.summary[0].toUpperCase()}${c.summary.slice(1)}.${c.details ? '\n' + c.details : ''}`;
}

function unknownCommand(name) {
  const guess = closest(name, Object.keys(COMMANDS));
  return new UsageError(
    `unknown command '${name}'${guess ? `; did you mean '${guess}'?` : '.'} Commands: ${Object.keys(COMMANDS).join(', ')} (run 'portico help').`,
  );
}

/** Parses a command's arguments, turning parseArgs's errors into usage errors that name the fix. */
function parseCommand(name, args) {
  const command = COMMANDS[name];
  const hint = `run 'portico help ${name}'`;
  let parsed;
  try {
    parsed = parseArgs({ args, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    const option = /'(-[^' ]*)'/.exec(error.message)?.[1];
    switch (error.code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
        const flag = option?.replace(/=.*/, '') ?? '';
        const guess = closest(flag.replace(/^-+/, ''), Object.keys(command.options));
        const known =
          Object.keys(command.options)
            .map((o) => `--${o}`)
            .join(', ') || 'none';
        throw new UsageError(`unknown option '${flag}' for ${name}${guess ? `; did you mean '--${guess}'?` : '.'} Options: ${known} (${hint}).`);
      }
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
        const flag = /--[\w-]+/.exec(error.message)?.[0] ?? option;
        throw new UsageError(`option '${flag}' needs a value, as in '${flag} <value>' (${hint}).`);
      }
      default:
        throw new UsageError(`${error.message} (${hint}).`);
    }
  }
  const required = command.positionals ?? [];
  const optional = command.optionalPositionals ?? [];
  const { positionals } = parsed;
  if (positionals.length < required.length) {
    throw new UsageError(`${name} needs <${required[positionals.length]}>: ${command.usage}`);
  }
  if (positionals.length > required.length + optional.length) {
    const extra = positionals[required.length + optional.length];
    throw new UsageError(`unexpected argument '${extra}' for ${name}: ${command.usage}`);
  }
  return parsed;
}

/** `0`..`65535`. */
function parsePort(text) {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535 (0 picks a free port), not '${text}'.`);
  }
  return Number(text);
}

/**
 * `name=value` pairs, comma-separated, with API Gateway's rules: a name is
 * letters, digits and underscores (up to 64); a value is up to 512 of letters,
 * digits and `-._~:/?#&=,`. A comma starts a new pair only when `name=` follows it.
 */
function parseStageVariables(list) {
  const variables = {};
  for (const text of list ?? []) {
    for (const pair of text.split(/,(?=[A-Za-z0-9_]+=)/)) {
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (eq < 0 || !/^[A-Za-z0-9_]{1,64}$/.test(name)) {
        throw new UsageError(
          `--stage-variables takes name=value pairs separated by commas (names: letters, digits, _), as in '--stage-variables env=dev,table=t1'; got '${pair}'.`,
        );
      }
      if (!/^[A-Za-z0-9\-._~:/?#&=,]{0,512}$/.test(value)) {
        throw new UsageError(`stage variable ${name}: API Gateway takes only letters, digits and -._~:/?#&=, in values (up to 512); got '${value}'.`);
      }
      variables[name] = value;
    }
  }
  return variables;
}

/** A URL's origin, or a usage error naming the option. */
function originOf(text, option) {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // reported below
  }
  throw new UsageError(`${option} takes an http:// or https:// URL, as in '${option} http://localhost:8080'; got '${text}'.`);
}

/** `--http-base` and `--http-map` as the httpHosts option. */
function parseHttpHosts(base, maps) {
  const hosts = {};
  if (base !== undefined) hosts['*'] = originOf(base, '--http-base').href;
  for (const map of maps ?? []) {
    const eq = map.indexOf('=');
    if (eq < 0) throw new UsageError(`--http-map takes origin=URL, as in '--http-map https://petstore.example.com=http://localhost:8080'; got '${map}'.`);
    hosts[originOf(map.slice(0, eq), '--http-map').origin] = originOf(map.slice(eq + 1), '--http-map').href;
  }
  return Object.keys(hosts).length ? hosts : undefined;
}

/** `--parameter-overrides`, a mistake in them being a usage error. */
function overrides(texts) {
  try {
    return parseParameterOverrides(texts);
  } catch (error) {
    throw new UsageError(error.message);
  }
}

async function runServe({ values, positionals }) {
  const [definition] = positionals;
  const port = parsePort(values.port ?? process.env.PORT ?? '3000');
  const stageVariables = parseStageVariables(values['stage-variables']);
  const host = values.host ?? '127.0.0.1';
  if (values.stage !== undefined && !/^[A-Za-z0-9_-]{1,128}$/.test(values.stage)) {
    throw new UsageError(`--stage takes letters, digits, - and _ (API Gateway's stage names), not '${values.stage}'.`);
  }

  const running = await serve({
    api: definition,
    handlers: values.handlers,
    port,
    host,
    stage: values.stage,
    stageVariables,
    watch: true,
    quiet: values.quiet,
    httpHosts: parseHttpHosts(values['http-base'], values['http-map']),
    templateApi: values.api,
    parameters: overrides(values['parameter-overrides']),
    envVars: values['env-vars'],
  });
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${running.port}`;
  const shown = running.watchedFiles.map(displayPath);
  console.log(`Portico serving ${definition}${values.handlers ? ` with ${values.handlers}` : ''}`);
  const stage = running.gateway.stage;
  for (const line of routeLines(running.gateway.export(), stage === '$default' ? origin : `${origin}/${stage}`)) console.log(`  ${line}`);
  console.log(`  API:        ${origin}/${running.gateway.stage}/`);
  console.log(`  Playground: ${origin}/`);
  console.log(`  Watching ${shown.join(', ')} (Ctrl-C stops)`);

  let stopping = false;
  const stop = (signal) => {
    if (stopping) process.exit(130); // a second Ctrl-C does not wait
    stopping = true;
    // In-flight requests get a moment to finish.
    setTimeout(() => process.exit(0), 2000).unref();
    running.close().then(() => process.exit(0));
    if (signal === 'SIGINT') process.stdout.write('\n');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(argv) {
  const [name, ...args] = argv;
  if (name === undefined) throw new UsageError(`a command is needed.\n\n${overview()}`);
  if (name === '--help' || name === '-h') return COMMANDS.help.run({ positionals: [] });
  if (name === '--version' || name === '-v') return void console.log(version());
  if (!Object.hasOwn(COMMANDS, name)) throw unknownCommand(name);
  if (name !== 'help' && (args.includes('--help') || args.includes('-h'))) {
    return void console.log(commandHelp(name));
  }
  return COMMANDS[name].run(parseCommand(name, name === 'serve' ? gatherParameterOverrides(args) : args));
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`portico: ${error.message}`);
    process.exit(2);
  }
  console.error(`portico: ${error?.message ?? error}`);
  process.exit(1);
}
