//! What a gateway's requests exchange with the harness: options, requests,
//! steps, calls and their results, the routing fast path's answers, and
//! Enable CORS's options.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Bytes;
use crate::{Call, CallResult, Options, Request, Response, Step, Target, TestInvoke};

/// `createGateway`'s options, as far as the core reads them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OptionsDto {
    /// The stage name.
    pub stage: Option<String>,
    /// Stage variables.
    pub stage_variables: Option<BTreeMap<String, String>>,
    /// The API id.
    pub api_id: Option<String>,
    /// The region.
    pub region: Option<String>,
    /// The account id.
    pub account_id: Option<String>,
    /// Refuse definitions whose import has warnings.
    pub fail_on_warnings: Option<bool>,
    /// `REST` or `HTTP`: the kind of API to import the definition as.
    pub api_type: Option<ApiTypeDto>,
    /// More stages: `{name: {variables, canary: {percentTraffic, stageVariableOverrides}}}`.
    pub stages: Option<BTreeMap<String, StageDto>>,
    /// In a template with several APIs, the logical id of the one to serve.
    pub api: Option<String>,
    /// A template's parameter values.
    pub parameters: Option<BTreeMap<String, String>>,
    /// Files a template's `DefinitionUri` names.
    pub files: Option<BTreeMap<String, String>>,
}

/// A Lambda function the API invokes, as `gateway.functions` lists it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FunctionDto<'a> {
    /// The key `lambdas` is looked up by.
    pub name: &'a str,
    /// The function's ARN.
    pub arn: &'a str,
    /// Where the definition references it.
    pub pointer: &'a str,
    /// The template's logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logical_id: Option<&'a str>,
    /// Its `FunctionName`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function_name: Option<&'a str>,
    /// Its `Handler`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handler: Option<&'a str>,
    /// Its `CodeUri`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_uri: Option<&'a str>,
    /// Its `Runtime`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runtime: Option<&'a str>,
    /// Its `Environment.Variables`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment: Option<&'a BTreeMap<String, String>>,
    /// Its `Timeout` in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u32>,
    /// Its `MemorySize` in MB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_size: Option<u32>,
    /// CDK's asset folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asset_path: Option<&'a str>,
}

impl<'a> From<&'a crate::FunctionInfo> for FunctionDto<'a> {
    fn from(f: &'a crate::FunctionInfo) -> FunctionDto<'a> {
        FunctionDto {
            name: &f.name,
            arn: &f.arn,
            pointer: &f.pointer,
            logical_id: f.logical_id.as_deref(),
            function_name: f.function_name.as_deref(),
            handler: f.handler.as_deref(),
            code_uri: f.code_uri.as_deref(),
            runtime: f.runtime.as_deref(),
            environment: (f.logical_id.is_some()).then_some(&f.environment),
            timeout: f.timeout,
            memory_size: f.memory_size,
            asset_path: f.asset_path.as_deref(),
        }
    }
}

/// `createGateway`'s `apiType` option.
#[derive(Debug, Clone, Copy, Deserialize)]
pub enum ApiTypeDto {
    /// A REST API (API Gateway v1).
    #[serde(rename = "REST")]
    Rest,
    /// An HTTP API (API Gateway v2).
    #[serde(rename = "HTTP")]
    Http,
}

/// One stage of `createGateway`'s `stages` option.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StageDto {
    /// The stage's variables.
    pub variables: BTreeMap<String, String>,
    /// A canary release on the stage.
    pub canary: Option<CanaryDto>,
}

/// A stage's canary settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CanaryDto {
    /// The percentage of requests the canary serves.
    pub percent_traffic: f64,
    /// Stage variables that differ for the canary.
    pub stage_variable_overrides: BTreeMap<String, String>,
}

impl From<OptionsDto> for Options {
    fn from(dto: OptionsDto) -> Options {
        let defaults = Options::default();
        Options {
            stage: dto.stage,
            stage_variables: dto.stage_variables.unwrap_or_default(),
            stages: dto
                .stages
                .unwrap_or_default()
                .into_iter()
                .map(|(name, stage)| crate::model::Stage {
                    name,
                    variables: stage.variables,
                    canary: stage.canary.map(|c| crate::model::Canary {
                        percent_traffic: c.percent_traffic,
                        stage_variable_overrides: c.stage_variable_overrides,
                    }),
                })
                .collect(),
            api_id: dto.api_id,
            region: dto.region,
            account_id: dto.account_id.unwrap_or(defaults.account_id),
            fail_on_warnings: dto.fail_on_warnings.unwrap_or(false),
            api_type: dto.api_type.map(|t| match t {
                ApiTypeDto::Rest => crate::model::ApiProtocol::Rest,
                ApiTypeDto::Http => crate::model::ApiProtocol::Http,
            }),
            api: dto.api,
            parameters: dto.parameters.unwrap_or_default(),
            files: dto.files.unwrap_or_default(),
        }
    }
}

/// A request from the harness.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestDto {
    /// The method.
    pub method: String,
    /// The raw path, stage included.
    pub path: String,
    /// The raw query string without `?`.
    #[serde(default)]
    pub query: String,
    /// Header pairs in order.
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    /// The body.
    #[serde(default)]
    pub body: Bytes,
    /// The client's address.
    #[serde(default)]
    pub source_ip: Option<String>,
    /// Milliseconds since the epoch.
    #[serde(default)]
    pub time_epoch_ms: u64,
    /// A random seed.
    #[serde(default)]
    pub seed: u64,
}

impl From<RequestDto> for Request {
    fn from(dto: RequestDto) -> Request {
        Request {
            method: dto.method.to_ascii_uppercase(),
            path: dto.path,
            query: dto.query,
            headers: dto.headers,
            body: dto.body.0,
            source_ip: dto.source_ip.unwrap_or_else(|| "127.0.0.1".to_string()),
            time_epoch_ms: dto.time_epoch_ms,
            seed: dto.seed,
        }
    }
}

/// A test invocation from the harness (`gateway.testInvoke`).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TestInvokeDto {
    /// The request; its path is the resource path without the stage.
    pub request: RequestDto,
    /// Stage variables for this call only.
    #[serde(default)]
    pub stage_variables: Option<BTreeMap<String, String>>,
}

impl From<TestInvokeDto> for TestInvoke {
    fn from(dto: TestInvokeDto) -> TestInvoke {
        TestInvoke {
            request: dto.request.into(),
            stage_variables: dto.stage_variables,
        }
    }
}

/// `routeSpans`' answer for a request, appended to `out`: the resource
/// index, 1 if `ANY` serves the request, then the UTF-16 ranges of the path
/// parameter values in `path` (the harness knows the names); `false` when
/// no route takes the request.
pub fn route_spans_utf16(
    gateway: &crate::Gateway,
    method: &str,
    path: &str,
    out: &mut Vec<u32>,
) -> bool {
    let Some((offset, route)) = gateway.find_route(method, path) else {
        return false;
    };
    let ascii = path.is_ascii();
    let utf16 = |byte: usize| -> u32 {
        let byte = byte + offset;
        if ascii {
            byte as u32
        } else {
            path[..byte].encode_utf16().count() as u32
        }
    };
    out.push(route.resource as u32);
    out.push(u32::from(route.any));
    for &(start, end) in route.spans.as_slice() {
        out.push(utf16(start));
        out.push(utf16(end));
    }
    true
}

/// The methods the harness passes by index on the routing fast path.
pub const METHODS: [&str; 7] = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

/// A resource as the harness lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceDto<'a> {
    /// The resource id.
    pub id: &'a str,
    /// The resource path.
    pub path: &'a str,
    /// The names of its path parameters, in path order.
    pub parameters: Vec<&'a str>,
}

impl<'a> From<&'a crate::model::Resource> for ResourceDto<'a> {
    fn from(r: &'a crate::model::Resource) -> ResourceDto<'a> {
        ResourceDto {
            id: &r.id,
            path: &r.path,
            parameters: r
                .path
                .split('/')
                .filter_map(|part| {
                    let name = part.strip_prefix('{')?.strip_suffix('}')?;
                    Some(name.strip_suffix('+').unwrap_or(name))
                })
                .collect(),
        }
    }
}

/// A step for the harness: `{type: "respond", response}` or `{type: "call", call}`.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum StepDto {
    /// Send the response.
    Respond {
        /// The response.
        response: ResponseDto,
    },
    /// Perform the call.
    Call {
        /// The call.
        call: Box<CallDto>,
    },
}

impl From<Step> for StepDto {
    fn from(step: Step) -> StepDto {
        match step {
            Step::Respond(response) => StepDto::Respond {
                response: response.into(),
            },
            Step::Call(call) => StepDto::Call {
                call: Box::new(call.into()),
            },
        }
    }
}

/// A response for the harness.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseDto {
    /// The status.
    pub status: u16,
    /// Header pairs in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Bytes,
    /// The execution log of a test invocation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log: Option<String>,
}

impl From<Response> for ResponseDto {
    fn from(r: Response) -> ResponseDto {
        ResponseDto {
            status: r.status,
            headers: r.headers,
            body: Bytes(r.body),
            log: r.log,
        }
    }
}

/// A call for the harness to perform: `{id, timeoutMs, kind, ...}` where
/// `kind` is `lambda` (function fields and `payload`), `http` (`method`,
/// `url`, `headers`, `body`, `connectionId`) or `aws` (`service`,
/// `action`, `path`, `method`, `url`, `headers`, `body`).
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CallDto {
    /// Pass back to `resume`.
    pub id: u64,
    /// Abort after this many milliseconds.
    pub timeout_ms: u32,
    /// `lambda`, `http` or `aws`.
    pub kind: &'static str,
    /// The Lambda function name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function_name: Option<String>,
    /// The full function ARN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function_arn: Option<String>,
    /// The alias or version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// The function's or service's region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The invocation payload (JSON bytes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<Bytes>,
    /// The Lambda invocation's request id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The AWS service.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// The service action.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The service path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The HTTP method.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Header pairs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headers: Option<Vec<(String, String)>>,
    /// The request body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Bytes>,
    /// The VPC link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<String>,
}

impl From<Call> for CallDto {
    fn from(call: Call) -> CallDto {
        let base = CallDto {
            id: call.id,
            timeout_ms: call.timeout_ms,
            ..CallDto::default()
        };
        match call.target {
            Target::Lambda(invoke) => CallDto {
                kind: "lambda",
                function_name: Some(invoke.function_name),
                function_arn: Some(invoke.function_arn),
                qualifier: invoke.qualifier,
                region: Some(invoke.region),
                payload: Some(Bytes(invoke.payload)),
                request_id: Some(invoke.request_id),
                ..base
            },
            Target::Http(http) => CallDto {
                kind: "http",
                method: Some(http.method),
                url: Some(http.url),
                headers: Some(http.headers),
                body: Some(Bytes(http.body)),
                connection_id: http.connection_id,
                ..base
            },
            Target::Aws(aws) => CallDto {
                kind: "aws",
                service: Some(aws.service),
                region: Some(aws.region),
                action: aws.action,
                path: aws.path,
                method: Some(aws.method),
                url: Some(aws.url),
                headers: Some(aws.headers),
                body: Some(Bytes(aws.body)),
                ..base
            },
        }
    }
}

/// What the harness observed: `{kind: "lambda", payload, functionError,
/// latencyMs}`, `{kind: "http", status, headers, body, latencyMs}`,
/// `{kind: "timeout"}` or `{kind: "failed", message}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum CallResultDto {
    /// Lambda answered.
    #[serde(rename_all = "camelCase")]
    Lambda {
        /// The response payload.
        #[serde(default)]
        payload: Bytes,
        /// Whether the handler threw.
        #[serde(default)]
        function_error: bool,
        /// How long it took.
        #[serde(default)]
        latency_ms: u32,
    },
    /// An HTTP endpoint or AWS service answered.
    #[serde(rename_all = "camelCase")]
    Http {
        /// The status.
        status: u16,
        /// Header pairs.
        #[serde(default)]
        headers: Vec<(String, String)>,
        /// The body.
        #[serde(default)]
        body: Bytes,
        /// How long it took.
        #[serde(default)]
        latency_ms: u32,
    },
    /// The call timed out.
    Timeout,
    /// The call could not be made.
    Failed {
        /// Why.
        #[serde(default)]
        message: String,
    },
}

impl From<CallResultDto> for CallResult {
    fn from(dto: CallResultDto) -> CallResult {
        match dto {
            CallResultDto::Lambda {
                payload,
                function_error,
                latency_ms,
            } => CallResult::Lambda {
                payload: payload.0,
                function_error,
                latency_ms,
            },
            CallResultDto::Http {
                status,
                headers,
                body,
                latency_ms,
            } => CallResult::Http {
                status,
                headers,
                body: body.0,
                latency_ms,
            },
            CallResultDto::Timeout => CallResult::Timeout,
            CallResultDto::Failed { message } => CallResult::Failed { message },
        }
    }
}

/// `gateway.enableCors(path, options)`'s options; what is left out takes
/// the console's default.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CorsOptionsDto {
    /// `Access-Control-Allow-Origin`.
    pub allow_origin: Option<String>,
    /// `Access-Control-Allow-Headers`.
    pub allow_headers: Option<String>,
    /// `Access-Control-Allow-Methods`.
    pub allow_methods: Option<String>,
    /// Also on DEFAULT_4XX / DEFAULT_5XX.
    pub gateway_responses: Option<bool>,
}

impl From<CorsOptionsDto> for crate::console::CorsOptions {
    fn from(dto: CorsOptionsDto) -> crate::console::CorsOptions {
        let defaults = crate::console::CorsOptions::default();
        crate::console::CorsOptions {
            allow_origin: dto.allow_origin.unwrap_or(defaults.allow_origin),
            allow_headers: dto.allow_headers.unwrap_or(defaults.allow_headers),
            allow_methods: dto.allow_methods,
            gateway_responses: dto.gateway_responses.unwrap_or(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_list_their_parameter_names_and_methods_go_by_index() {
        let doc = r#"{"openapi":"3.0.1","info":{"title":"T","version":"1"},"paths":{
          "/pets/{id}/{rest+}":{"get":{"x-amazon-apigateway-integration":{"type":"mock"}}}}}"#;
        let gateway = crate::Gateway::from_definition(doc, crate::Options::default()).unwrap();
        let resource = gateway
            .api()
            .resources
            .iter()
            .find(|r| r.path == "/pets/{id}/{rest+}")
            .unwrap();
        assert_eq!(
            serde_json::to_string(&ResourceDto::from(resource)).unwrap(),
            format!(
                r#"{{"id":"{}","path":"/pets/{{id}}/{{rest+}}","parameters":["id","rest"]}}"#,
                resource.id
            )
        );
        // The harness's table (www/core/runtime.mjs) sends the index of these.
        assert_eq!(METHODS.iter().position(|m| *m == "GET"), Some(1));
        assert!(METHODS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn route_spans_are_utf16_offsets_in_the_whole_path() {
        let doc = r#"{"openapi":"3.0.1","info":{"title":"T","version":"1"},"paths":{
          "/a/{x}/{y}":{"x-amazon-apigateway-any-method":{"x-amazon-apigateway-integration":{"type":"mock"}}}}}"#;
        let gateway = crate::Gateway::from_definition(doc, crate::Options::default()).unwrap();
        let mut out = Vec::new();
        assert!(route_spans_utf16(&gateway, "GET", "/dev/a/é€/b", &mut out));
        let path: Vec<u16> = "/dev/a/é€/b".encode_utf16().collect();
        let value =
            |i: usize| String::from_utf16(&path[out[i] as usize..out[i + 1] as usize]).unwrap();
        assert_eq!(gateway.api().resources[out[0] as usize].path, "/a/{x}/{y}");
        assert_eq!(out[1], 1, "ANY serves the request");
        assert_eq!((value(2), value(4)), ("é€".to_string(), "b".to_string()));
        out.clear();
        assert!(!route_spans_utf16(&gateway, "GET", "/prod/a/1/2", &mut out));
        assert!(out.is_empty());
    }

    #[test]
    fn requests_take_defaults_and_bytes_in_several_shapes() {
        let dto: RequestDto = serde_json::from_str(
            r#"{"method":"get","path":"/dev/","headers":[["Accept","*/*"]],"body":[104,105],"seed":7}"#,
        )
        .unwrap();
        let req = Request::from(dto);
        assert_eq!(req.method, "GET");
        assert_eq!(req.body, b"hi");
        assert_eq!(req.header("accept"), Some("*/*"));
        assert_eq!(
            (req.seed, req.time_epoch_ms, req.source_ip.as_str()),
            (7, 0, "127.0.0.1")
        );
        let dto: RequestDto =
            serde_json::from_str(r#"{"method":"POST","path":"/dev/","body":"text"}"#).unwrap();
        assert_eq!(dto.body.0, b"text");
    }

    #[test]
    fn functions_are_camel_case_and_leave_out_what_is_unknown() {
        let plain = crate::FunctionInfo {
            name: "Hello".to_string(),
            arn: "arn:aws:lambda:us-east-1:1:function:Hello".to_string(),
            pointer: "/paths/~1hello/get".to_string(),
            ..crate::FunctionInfo::default()
        };
        assert_eq!(
            serde_json::to_string(&FunctionDto::from(&plain)).unwrap(),
            r#"{"name":"Hello","arn":"arn:aws:lambda:us-east-1:1:function:Hello","pointer":"/paths/~1hello/get"}"#
        );
        let declared = crate::FunctionInfo {
            logical_id: Some("Hello".to_string()),
            asset_path: Some("asset.1".to_string()),
            timeout: Some(3),
            ..plain
        };
        assert_eq!(
            serde_json::to_string(&FunctionDto::from(&declared)).unwrap(),
            r#"{"name":"Hello","arn":"arn:aws:lambda:us-east-1:1:function:Hello","pointer":"/paths/~1hello/get","logicalId":"Hello","environment":{},"timeout":3,"assetPath":"asset.1"}"#
        );
    }

    #[test]
    fn steps_are_tagged_objects() {
        let step = Step::Respond(Response {
            status: 403,
            headers: vec![("a".into(), "b".into())],
            body: b"{}".to_vec(),
            log: None,
        });
        assert_eq!(
            serde_json::to_string(&StepDto::from(step)).unwrap(),
            r#"{"type":"respond","response":{"status":403,"headers":[["a","b"]],"body":[123,125]}}"#
        );
    }

    #[test]
    fn call_results_are_read_by_kind() {
        let r: CallResultDto = serde_json::from_str(
            r#"{"kind":"lambda","payload":[110,117,108,108],"functionError":true,"latencyMs":3}"#,
        )
        .unwrap();
        assert_eq!(
            CallResult::from(r),
            CallResult::Lambda {
                payload: b"null".to_vec(),
                function_error: true,
                latency_ms: 3
            }
        );
        let r: CallResultDto = serde_json::from_str(r#"{"kind":"timeout"}"#).unwrap();
        assert_eq!(CallResult::from(r), CallResult::Timeout);
        let options =
            Options::from(serde_json::from_str::<OptionsDto>(r#"{"stage":"prod"}"#).unwrap());
        assert_eq!(
            (options.stage.as_deref(), options.region),
            (Some("prod"), None)
        );
    }
}
