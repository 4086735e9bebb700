//! Integration request: what the backend receives. Parameter mappings,
//! the request template (or passthrough), content handling, and the call
//! for each integration type.

use std::collections::BTreeMap;

use super::execute::{Exchange, Waiting};
use super::gateway_response::{Failure, ResponseType};
use super::integration_response::ResponseOverride;
use super::log::{java_hash_map, ExecutionLog};
use super::params::Source;
use super::proxy_event::{self, EventSource, DROPPED_REQUEST_HEADERS};
use super::{AwsCall, Gateway, HttpCall, LambdaInvoke, Scope, Target};
use crate::http::{HeaderList, Request};
use crate::model::{
    ConnectionType, ContentHandling, Integration, IntegrationType, PassthroughBehavior,
};

/// What the integration request produced.
pub(super) enum Outgoing {
    /// A MOCK integration: the status its request template asked for.
    Mock {
        status: Option<u16>,
        overrides: ResponseOverride,
    },
    /// A call for the host, with the execution-log lines that describe it.
    Call {
        target: Box<Target>,
        waiting: Waiting,
        log_lines: Vec<String>,
        overrides: ResponseOverride,
    },
}

type Refusal = (Failure, String);

/// The request as the integration sees it after the mappings: headers,
/// query parameters and path parameters for the endpoint, and the body.
struct Mapped {
    headers: Vec<(String, String)>,
    query: Vec<(String, String)>,
    path: BTreeMap<String, String>,
    body: Vec<u8>,
    /// Whether a request template produced the body.
    templated: bool,
    /// The template's `$context.responseOverride`, for the response.
    overrides: ResponseOverride,
}

/// Builds the integration request for the method's integration.
pub(super) fn prepare(
    gateway: &Gateway,
    exchange: &Exchange,
    integration: &Integration,
) -> Result<Outgoing, Refusal> {
    let scope = exchange.scope();
    match integration.kind {
        IntegrationType::AwsProxy => lambda_proxy(gateway, exchange, &scope, integration),
        IntegrationType::Mock => {
            let mapped = map_request(gateway, exchange, &scope, integration)?;
            if !mapped.templated {
                // No request template: the default integration response.
                return Ok(Outgoing::Mock {
                    status: None,
                    overrides: mapped.overrides,
                });
            }
            match mock_status(&String::from_utf8_lossy(&mapped.body)) {
                Some(status) => Ok(Outgoing::Mock {
                    status: Some(status),
                    overrides: mapped.overrides,
                }),
                None => Err((
                    Failure::new(ResponseType::ApiConfigurationError),
                    "Execution failed due to configuration error: statusCode should be an integer which defined in request template".to_string(),
                )),
            }
        }
        IntegrationType::Aws => {
            let uri = substitute_stage_variables(
                integration.uri.as_deref().unwrap_or_default(),
                scope.stage_variables,
            );
            if uri.contains(":lambda:path/") {
                lambda(gateway, exchange, &scope, integration, &uri)
            } else {
                aws_service(gateway, exchange, &scope, integration, &uri)
            }
        }
        IntegrationType::Http | IntegrationType::HttpProxy => {
            http(gateway, exchange, &scope, integration)
        }
    }
}

/// Parameter mappings, then the template (or passthrough) and the
/// template's `$context.requestOverride`.
fn map_request(
    gateway: &Gateway,
    exchange: &Exchange,
    scope: &Scope<'_>,
    integration: &Integration,
) -> Result<Mapped, Refusal> {
    let request = &exchange.request;
    let mut mapped = Mapped {
        headers: Vec::new(),
        query: Vec::new(),
        path: BTreeMap::new(),
        body: Vec::new(),
        templated: false,
        overrides: ResponseOverride::default(),
    };
    let mut context = None;
    for (target, expression) in &integration.request_parameters {
        let value = resolve_request_source(gateway, scope, expression, &mut context);
        let Some(value) = value else { continue };
        let Some((location, name)) = target
            .strip_prefix("integration.request.")
            .and_then(|t| t.split_once('.'))
        else {
            continue;
        };
        match location {
            "header" => mapped.headers.set(name, value),
            "multivalueheader" => {
                mapped
                    .headers
                    .retain(|(n, _)| !n.eq_ignore_ascii_case(name));
                for v in value.split(',') {
                    mapped.headers.push((name.to_string(), v.to_string()));
                }
            }
            "querystring" => {
                mapped.query.retain(|(n, _)| n != name);
                mapped.query.push((name.to_string(), value));
            }
            "multivaluequerystring" => {
                mapped.query.retain(|(n, _)| n != name);
                for v in value.split(',') {
                    mapped.query.push((name.to_string(), v.to_string()));
                }
            }
            "path" => {
                mapped.path.insert(name.to_string(), value);
            }
            _ => {}
        }
    }

    let binary = crate::http::is_binary_media_type(
        &gateway.api.binary_media_types,
        request.header("Content-Type").unwrap_or(""),
    );
    let template_type = template_for(integration, request).map_err(|kind| {
        (
            Failure::new(kind),
            "Execution failed: the request's Content-Type has no mapping template and the passthrough behavior refuses it".to_string(),
        )
    })?;
    match template_type {
        Some(content_type) => {
            let template = gateway
                .templates
                .method(exchange.route.resource, &exchange.method_key)
                .and_then(|m| m.request.get(&content_type))
                .expect("every request template is compiled");
            let input = if binary {
                // A binary body reaches a template as base64 text.
                crate::ids::base64(&request.body)
            } else {
                String::from_utf8_lossy(&request.body).into_owned()
            };
            let (out, context) = gateway
                .render(template, scope, None, input)
                .map_err(|line| (Failure::new(ResponseType::ApiConfigurationError), line))?;
            mapped.body = match integration.content_handling {
                Some(ContentHandling::ConvertToBinary) => {
                    crate::vtl::apigw::base64_decode(&out).unwrap_or_else(|_| out.into_bytes())
                }
                _ => out.into_bytes(),
            };
            mapped.templated = true;
            apply_request_override(&context, &mut mapped);
            mapped.overrides = ResponseOverride::read(&context);
        }
        None => {
            mapped.body = match integration.content_handling {
                Some(ContentHandling::ConvertToText) if binary => {
                    crate::ids::base64(&request.body).into_bytes()
                }
                Some(ContentHandling::ConvertToBinary) if !binary => {
                    crate::vtl::apigw::base64_decode(&String::from_utf8_lossy(&request.body))
                        .unwrap_or_else(|_| request.body.clone())
                }
                _ => request.body.clone(),
            };
        }
    }
    Ok(mapped)
}

/// A parameter mapping's value in this request.
fn resolve_request_source(
    gateway: &Gateway,
    scope: &Scope<'_>,
    expression: &str,
    context: &mut Option<crate::vtl::Value>,
) -> Option<String> {
    let body = || String::from_utf8_lossy(&scope.request.body).into_owned();
    match Source::parse(expression) {
        Source::Other("method.request.body") => Some(body()),
        Source::Other(other) => other
            .strip_prefix("method.request.body.")
            .and_then(|path| crate::vtl::apigw::body_path_text(&body(), path)),
        source => source.resolve(scope, || {
            context
                .get_or_insert_with(|| super::context::value(gateway, scope, None))
                .clone()
        }),
    }
}

/// What a request template put in `$context.requestOverride`: headers,
/// query parameters and path parameters that replace the mapped ones.
fn apply_request_override(context: &crate::vtl::Value, mapped: &mut Mapped) {
    use crate::vtl::{Key, Value};
    let Value::Map(context) = context else { return };
    let context = context.borrow();
    let Some(Value::Map(overrides)) = context.get(&Key::from("requestOverride")) else {
        return;
    };
    let overrides = overrides.borrow();
    let entries = |name: &str| -> Vec<(String, String)> {
        match overrides.get(&Key::from(name)) {
            Some(Value::Map(m)) => m
                .borrow()
                .iter()
                .map(|(k, v)| (k.to_java_string(), v.to_java_string()))
                .collect(),
            _ => Vec::new(),
        }
    };
    for (name, value) in entries("header") {
        mapped.headers.set(&name, value);
    }
    for (name, value) in entries("querystring") {
        mapped.query.retain(|(n, _)| *n != name);
        mapped.query.push((name, value));
    }
    for (name, value) in entries("path") {
        mapped.path.insert(name, value);
    }
}

fn lambda_proxy(
    gateway: &Gateway,
    exchange: &Exchange,
    scope: &Scope<'_>,
    integration: &Integration,
) -> Result<Outgoing, Refusal> {
    let uri = substitute_stage_variables(
        integration.uri.as_deref().unwrap_or_default(),
        scope.stage_variables,
    );
    let target = lambda_target(&uri, scope.stage_variables).ok_or_else(|| {
        (
            Failure::new(ResponseType::ApiConfigurationError),
            format!("Execution failed due to configuration error: `{uri}` is not a Lambda function invocation URI"),
        )
    })?;
    let resource = &gateway.api.resources[exchange.route.resource];
    let method = gateway.method_of(exchange);
    let deployment = &gateway.deployment;
    let test = exchange.log.is_some();
    let domain = super::context::domain(gateway, scope);
    let binary = crate::http::is_binary_media_type(
        &gateway.api.binary_media_types,
        exchange.request.header("Content-Type").unwrap_or(""),
    );
    let payload = proxy_event::event(&EventSource {
        scope,
        resource,
        operation_name: method.operation_name.as_deref(),
        stage: scope.stage,
        test,
        api_id: &gateway.api.id,
        account_id: &deployment.account_id,
        domain_name: &domain.0,
        domain_prefix: &domain.1,
        deployment_id: &crate::model::resource_id(&gateway.api.id, scope.stage),
        binary,
    });
    let log_lines = lambda_log_lines(gateway, exchange, &target, &payload);
    Ok(Outgoing::Call {
        target: Box::new(Target::Lambda(LambdaInvoke {
            payload,
            request_id: exchange.ids.derived_id(1),
            ..target
        })),
        waiting: Waiting::LambdaProxy,
        log_lines,
        overrides: ResponseOverride::default(),
    })
}

fn lambda(
    gateway: &Gateway,
    exchange: &Exchange,
    scope: &Scope<'_>,
    integration: &Integration,
    uri: &str,
) -> Result<Outgoing, Refusal> {
    let target = lambda_target(uri, scope.stage_variables).ok_or_else(|| {
        (
            Failure::new(ResponseType::ApiConfigurationError),
            format!("Execution failed due to configuration error: `{uri}` is not a Lambda function invocation URI"),
        )
    })?;
    let mapped = map_request(gateway, exchange, scope, integration)?;
    let log_lines = lambda_log_lines(gateway, exchange, &target, &mapped.body);
    Ok(Outgoing::Call {
        target: Box::new(Target::Lambda(LambdaInvoke {
            payload: mapped.body,
            request_id: exchange.ids.derived_id(1),
            ..target
        })),
        waiting: Waiting::Lambda,
        log_lines,
        overrides: mapped.overrides,
    })
}

/// The execution-log lines of a Lambda invocation request.
pub(super) fn lambda_log_lines(
    gateway: &Gateway,
    exchange: &Exchange,
    target: &LambdaInvoke,
    payload: &[u8],
) -> Vec<String> {
    if exchange.log.is_none() {
        return Vec::new();
    }
    let region = if target.region.is_empty() {
        gateway.deployment.region.as_str()
    } else {
        &target.region
    };
    let uri = format!(
        "https://lambda.{region}.amazonaws.com/2015-03-31/functions/{}/invocations",
        target.function_arn
    );
    let api_id = &gateway.api.id;
    let time = crate::time::DateTime::from_epoch_ms(exchange.request.time_epoch_ms);
    let resource_path = exchange.resource_path.trim_start_matches('/');
    let source_arn = format!(
        "arn:aws:execute-api:{region}:{}:{api_id}/{}/{}/{resource_path}",
        gateway.deployment.account_id, exchange.stage.name, exchange.request.method
    );
    let signature = crate::ids::sha256_hex(exchange.ids.request_id.as_bytes());
    let headers: Vec<(String, String)> = [
        ("X-Amz-Date", time.amz_date()),
        ("x-amzn-apigateway-api-id", api_id.clone()),
        ("Accept", "application/json".to_string()),
        ("User-Agent", format!("AmazonAPIGateway_{api_id}")),
        ("Host", format!("lambda.{region}.amazonaws.com")),
        ("X-Amz-Content-Sha256", crate::ids::sha256_hex(payload)),
        ("X-Amzn-Trace-Id", exchange.ids.trace_id.clone()),
        (
            "x-amzn-lambda-integration-tag",
            exchange.ids.request_id.clone(),
        ),
        ("Authorization", mask_authorization(&signature)),
        ("X-Amz-Source-Arn", source_arn),
        ("X-Amz-Security-Token", security_token(&exchange.ids)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    // Lambda's request map has grown past 12 entries: 32 buckets.
    endpoint_log_lines(&uri, &headers, payload, 32)
}

/// The signed `Authorization` header as the log shows it: stars, then the
/// signature's last six characters.
fn mask_authorization(signature: &str) -> String {
    let credential = format!(
        "AWS4-HMAC-SHA256 Credential=ASIAPORTICOEXAMPLE/20231114/us-east-1/lambda/aws4_request, SignedHeaders=accept;host;x-amz-content-sha256;x-amz-date;x-amz-source-arn;x-amz-security-token;x-amzn-apigateway-api-id;x-amzn-lambda-integration-tag;x-amzn-trace-id, Signature={signature}"
    );
    let keep = 6;
    let n = credential.chars().count();
    let mut out: String = "*".repeat(n - keep);
    out.extend(credential.chars().skip(n - keep));
    out
}

/// A session token of the length AWS's are (the log truncates it).
fn security_token(ids: &crate::ids::RequestIds) -> String {
    let mut token = String::from("IQoJb3JpZ2luX2VjE");
    while token.len() < 900 {
        token.push_str(&crate::ids::sha256_hex(token.as_bytes())[..32]);
        token.push_str(&ids.extended_request_id.replace(['+', '/', '='], "A"));
    }
    token
}

fn http(
    gateway: &Gateway,
    exchange: &Exchange,
    scope: &Scope<'_>,
    integration: &Integration,
) -> Result<Outgoing, Refusal> {
    let proxy = integration.kind == IntegrationType::HttpProxy;
    let request = &exchange.request;
    let mut mapped = map_request(gateway, exchange, scope, integration)?;
    let uri = substitute_stage_variables(
        integration.uri.as_deref().unwrap_or_default(),
        scope.stage_variables,
    );
    // `{name}` in the endpoint URI takes only mapped path parameters
    // (`integration.request.path.name`), as on AWS.
    let mut url = crate::http::fill_path(&uri, &mapped.path);
    // A proxy sends the client's query string, then the mapped parameters
    // as further values; otherwise only the mapped ones go.
    let mut query: Vec<(String, String)> = Vec::new();
    if proxy {
        query.extend(scope.query().iter().cloned());
    }
    query.append(&mut mapped.query);
    if !query.is_empty() {
        url.push(if url.contains('?') { '&' } else { '?' });
        let encoded: Vec<String> = query
            .iter()
            .map(|(k, v)| {
                format!(
                    "{}={}",
                    crate::http::percent_encode_unreserved(k),
                    crate::http::percent_encode_unreserved(v)
                )
            })
            .collect();
        url.push_str(&encoded.join("&"));
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    if proxy {
        for (name, value) in &request.headers {
            let skip = DROPPED_REQUEST_HEADERS
                .iter()
                .chain(&["Host", "Content-Encoding", "Via"])
                .any(|d| d.eq_ignore_ascii_case(name));
            if !skip {
                headers.push((name.clone(), value.clone()));
            }
        }
    }
    for (name, value) in mapped.headers {
        if proxy {
            headers.retain(|(n, _)| !n.eq_ignore_ascii_case(&name));
        }
        headers.push((name, value));
    }
    let has = |headers: &[(String, String)], name: &str| {
        headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    };
    if !proxy && !mapped.body.is_empty() && !has(&headers, "Content-Type") {
        let content_type = request.header("Content-Type").unwrap_or("application/json");
        headers.push(("Content-Type".to_string(), content_type.to_string()));
    }
    if !has(&headers, "Accept") {
        headers.push(("Accept".to_string(), "application/json".to_string()));
    }
    if !has(&headers, "User-Agent") {
        headers.push((
            "User-Agent".to_string(),
            format!("AmazonAPIGateway_{}", gateway.api.id),
        ));
    }
    headers.push(("X-Amzn-Trace-Id".to_string(), exchange.ids.trace_id.clone()));
    headers.push((
        "x-amzn-apigateway-api-id".to_string(),
        gateway.api.id.clone(),
    ));
    let method = match integration.http_method.as_deref() {
        Some("ANY") | None => request.method.clone(),
        Some(m) => m.to_ascii_uppercase(),
    };
    let connection_id = (integration.connection_type == ConnectionType::VpcLink).then(|| {
        substitute_stage_variables(
            integration.connection_id.as_deref().unwrap_or_default(),
            scope.stage_variables,
        )
    });
    let log_lines = if exchange.log.is_some() {
        let mut shown = headers.clone();
        shown.push(("Host".to_string(), crate::http::url_host(&url).to_string()));
        endpoint_log_lines(&url, &shown, &mapped.body, 16)
    } else {
        Vec::new()
    };
    Ok(Outgoing::Call {
        target: Box::new(Target::Http(HttpCall {
            method,
            url,
            headers,
            body: mapped.body,
            connection_id,
        })),
        waiting: if proxy {
            Waiting::HttpProxy
        } else {
            Waiting::Http
        },
        log_lines,
        overrides: mapped.overrides,
    })
}

/// An AWS service URI: `arn:aws:apigateway:{region}:{subdomain.}{service}:action/{Action}[&k=v]`
/// or `...:path/{path}`.
fn aws_service(
    gateway: &Gateway,
    exchange: &Exchange,
    scope: &Scope<'_>,
    integration: &Integration,
    uri: &str,
) -> Result<Outgoing, Refusal> {
    let bad = || {
        (
            Failure::new(ResponseType::ApiConfigurationError),
            format!("Execution failed due to configuration error: `{uri}` is not an AWS service integration URI (arn:aws:apigateway:{{region}}:{{service}}:action/{{Action}} or :path/{{path}})"),
        )
    };
    let rest = uri.strip_prefix("arn:aws:apigateway:").ok_or_else(bad)?;
    let mut parts = rest.splitn(3, ':');
    let (region, host, spec) = match (parts.next(), parts.next(), parts.next()) {
        (Some(r), Some(h), Some(s)) => (r, h, s),
        _ => return Err(bad()),
    };
    let region = if region.is_empty() {
        gateway.deployment.region.as_str()
    } else {
        region
    };
    let service = host.rsplit('.').next().unwrap_or(host).to_string();
    let mut mapped = map_request(gateway, exchange, scope, integration)?;
    let (action, path, url) = if let Some(action) = spec.strip_prefix("action/") {
        let (action, extra) = action.split_once('&').unwrap_or((action, ""));
        let mut url = format!("https://{host}.{region}.amazonaws.com/?Action={action}");
        if !extra.is_empty() {
            url.push('&');
            url.push_str(extra);
        }
        (Some(action.to_string()), None, url)
    } else if let Some(path) = spec.strip_prefix("path/") {
        let path = crate::http::fill_path(path, &mapped.path);
        let url = format!("https://{host}.{region}.amazonaws.com/{path}");
        (None, Some(path), url)
    } else {
        return Err(bad());
    };
    if !mapped
        .headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("Content-Type"))
        && !mapped.body.is_empty()
    {
        mapped.headers.push((
            "Content-Type".to_string(),
            "application/x-amz-json-1.0".to_string(),
        ));
    }
    let method = integration
        .http_method
        .clone()
        .unwrap_or_else(|| "POST".to_string());
    let log_lines = if exchange.log.is_some() {
        let mut shown = mapped.headers.clone();
        let time = crate::time::DateTime::from_epoch_ms(exchange.request.time_epoch_ms);
        let signature = crate::ids::sha256_hex(exchange.ids.request_id.as_bytes());
        for (k, v) in [
            ("x-amzn-apigateway-api-id", gateway.api.id.clone()),
            ("Accept", "application/json".to_string()),
            ("User-Agent", format!("AmazonAPIGateway_{}", gateway.api.id)),
            ("X-Amz-Date", time.amz_date()),
            ("Authorization", mask_authorization(&signature)),
            ("X-Amz-Security-Token", security_token(&exchange.ids)),
        ] {
            if !shown.iter().any(|(n, _)| n.eq_ignore_ascii_case(k)) {
                shown.push((k.to_string(), v));
            }
        }
        endpoint_log_lines(&url, &shown, &mapped.body, 16)
    } else {
        Vec::new()
    };
    Ok(Outgoing::Call {
        target: Box::new(Target::Aws(AwsCall {
            service,
            region: region.to_string(),
            action,
            path,
            method,
            url,
            headers: mapped.headers,
            body: mapped.body,
        })),
        waiting: Waiting::Aws,
        log_lines,
        overrides: mapped.overrides,
    })
}

/// The console's lines for a request to an endpoint: its URI, its headers
/// (in the order of a Java `HashMap` of `capacity` buckets), its body, and
/// the send.
pub(super) fn endpoint_log_lines(
    url: &str,
    headers: &[(String, String)],
    body: &[u8],
    capacity: usize,
) -> Vec<String> {
    vec![
        format!("Endpoint request URI: {url}"),
        format!(
            "Endpoint request headers: {}",
            java_hash_map(headers, capacity)
        ),
        format!(
            "Endpoint request body after transformations: {}",
            String::from_utf8_lossy(body)
        ),
        format!("Sending request to {url}"),
    ]
}

/// The content type whose request template applies, or `None` to pass the
/// body through; `Err` when the passthrough behaviour refuses the request.
pub(super) fn template_for(
    integration: &Integration,
    request: &Request,
) -> Result<Option<String>, ResponseType> {
    // API Gateway assumes application/json when the client sends no Content-Type.
    let content_type = request
        .header("Content-Type")
        .map(crate::http::media::essence)
        .unwrap_or_else(|| "application/json".to_string());
    if integration.request_templates.contains_key(&content_type) {
        return Ok(Some(content_type));
    }
    // `$default` takes the content types no template names.
    if integration.request_templates.contains_key("$default") {
        return Ok(Some("$default".to_string()));
    }
    match integration.passthrough_behavior {
        PassthroughBehavior::WhenNoMatch => Ok(None),
        PassthroughBehavior::WhenNoTemplates if integration.request_templates.is_empty() => {
            Ok(None)
        }
        _ => Err(ResponseType::UnsupportedMediaType),
    }
}

/// The status a MOCK integration's rendered request template asks for:
/// `{"statusCode": 200}`, also in the common not-quite-JSON `{statusCode: 200}`.
pub(super) fn mock_status(text: &str) -> Option<u16> {
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_str(text) {
        return match map.get("statusCode")? {
            serde_json::Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
            serde_json::Value::String(s) => s.trim().parse().ok(),
            _ => None,
        };
    }
    let at = text.find("statusCode")?;
    let rest = text[at + "statusCode".len()..].trim_start();
    let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest).trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The function an integration URI names:
/// `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations`,
/// with `${stageVariables.x}` substituted.
pub(super) fn lambda_target(
    uri: &str,
    stage_variables: &BTreeMap<String, String>,
) -> Option<LambdaInvoke> {
    let uri = substitute_stage_variables(uri, stage_variables);
    let rest = uri.split_once(":lambda:path/")?.1;
    let function = rest
        .split_once("/functions/")?
        .1
        .strip_suffix("/invocations")?;
    let mut parts = function.split(':');
    let (name, qualifier, region) = if function.starts_with("arn:") {
        // arn:aws:lambda:{region}:{account}:function:{name}[:{qualifier}]
        let region = parts.nth(3)?.to_string();
        let kind = parts.nth(1)?;
        if kind != "function" {
            return None;
        }
        let name = parts.next()?.to_string();
        (name, parts.next().map(str::to_string), region)
    } else {
        let name = parts.next()?.to_string();
        let region = uri.split(':').nth(3).unwrap_or_default().to_string();
        (name, parts.next().map(str::to_string), region)
    };
    if name.is_empty() {
        return None;
    }
    Some(LambdaInvoke {
        function_name: name,
        function_arn: function.to_string(),
        qualifier,
        region,
        request_id: String::new(),
        payload: Vec::new(),
    })
}

/// Replaces `${stageVariables.name}` with the variable's value (empty when unset).
pub(super) fn substitute_stage_variables(text: &str, vars: &BTreeMap<String, String>) -> String {
    const OPEN: &str = "${stageVariables.";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len()..];
        match after.find('}') {
            Some(end) => {
                out.push_str(vars.get(&after[..end]).map(String::as_str).unwrap_or(""));
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[at..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

pub(super) fn log_method_request(
    log: &mut ExecutionLog,
    request: &Request,
    path_params: &[(String, String)],
) {
    log.line(format!(
        "Method request path: {}",
        java_hash_map(path_params, 16)
    ));
    let query: Vec<(String, String)> = request
        .query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), v.to_string())
        })
        .collect();
    log.line(format!(
        "Method request query string: {}",
        java_hash_map(&query, 16)
    ));
    log.line(format!(
        "Method request headers: {}",
        java_hash_map(&request.headers, 16)
    ));
    log.line(format!(
        "Method request body before transformations: {}",
        String::from_utf8_lossy(&request.body)
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lambda_uris_name_the_function() {
        let vars = BTreeMap::from([("fn".to_string(), "orders".to_string())]);
        let t = lambda_target("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:API_test/invocations", &vars).unwrap();
        assert_eq!(
            (t.function_name.as_str(), t.qualifier, t.region.as_str()),
            ("API_test", None, "us-east-1")
        );
        assert_eq!(
            t.function_arn,
            "arn:aws:lambda:us-east-1:123456789012:function:API_test"
        );
        let t = lambda_target("arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:${stageVariables.fn}:live/invocations", &vars).unwrap();
        assert_eq!(
            (t.function_name.as_str(), t.qualifier.as_deref()),
            ("orders", Some("live"))
        );
        assert!(lambda_target(
            "arn:aws:apigateway:us-east-1:dynamodb:action/PutItem",
            &vars
        )
        .is_none());
    }

    #[test]
    fn mock_status_reads_json_and_the_common_shorthand() {
        assert_eq!(mock_status(r#"{"statusCode": 200}"#), Some(200));
        assert_eq!(mock_status("{statusCode: 404}"), Some(404));
        assert_eq!(mock_status("{ 'statusCode' : '500' }"), Some(500));
        assert_eq!(mock_status("{}"), None);
    }
}
