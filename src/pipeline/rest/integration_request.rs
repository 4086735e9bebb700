//! Integration request: what the backend receives. Parameter mappings,
//! the request template (or passthrough), content handling, and the call
//! each integration type makes.

use std::collections::BTreeMap;

use super::integration_response::{self, Incoming};
use super::method_response;
use crate::http::{HeaderList, Request};
use crate::model::{
    ConnectionType, ContentHandling, Integration, IntegrationType, PassthroughBehavior,
};
use crate::pipeline::context;
use crate::pipeline::deployed::Deployed;
use crate::pipeline::exchange::{
    Exchange, Next, Outgoing, RequestScope, ResponseOverride, Waiting,
};
use crate::pipeline::failure::{Abort, Failure, ResponseType};
use crate::pipeline::lambda::{self, EventInput, RestRoute, DROPPED_REQUEST_HEADERS};
use crate::pipeline::log::{endpoint_request_lines, masked_authorization, security_token};
use crate::pipeline::params::{substitute_stage_variables, Source};
use crate::pipeline::render::render;
use crate::pipeline::step::{AwsCall, HttpCall, LambdaInvoke, Target};

/// Runs the method's integration: a MOCK answers at once, every other
/// type becomes a call for the host.
pub(crate) fn integrate(deployed: &Deployed, exchange: &mut Exchange) -> Next {
    let Some(integration) = deployed.method_of(exchange).integration.clone() else {
        return Next::Fail(Abort::configuration(
            "Execution failed due to configuration error: No integration defined for method",
        ));
    };
    if integration.kind == IntegrationType::Mock {
        if let Some(answer) = method_response::preferred_example(deployed, exchange) {
            return Next::Respond(answer);
        }
    }
    match prepare(deployed, exchange, &integration) {
        Err(abort) => Next::Fail(abort),
        Ok(Prepared::Mock { status, overrides }) => {
            exchange.response_override = overrides;
            integration_response::respond(deployed, exchange, &integration, Incoming::mock(status))
        }
        Ok(Prepared::Call(outgoing)) => Next::Call(outgoing),
    }
}

/// What the integration request produced.
enum Prepared {
    /// A MOCK integration: the status its request template asked for.
    Mock {
        status: Option<u16>,
        overrides: ResponseOverride,
    },
    Call(Box<Outgoing>),
}

/// The request as the integration sees it after the mappings: headers,
/// query parameters and path parameters for the endpoint, and the body.
struct EndpointRequest {
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
fn prepare(
    deployed: &Deployed,
    exchange: &Exchange,
    integration: &Integration,
) -> Result<Prepared, Abort> {
    let scope = exchange.scope();
    match integration.kind {
        IntegrationType::AwsProxy => lambda_proxy(deployed, exchange, &scope, integration),
        IntegrationType::Mock => {
            let mapped = map_request(deployed, exchange, &scope, integration)?;
            if !mapped.templated {
                // No request template: the default integration response.
                return Ok(Prepared::Mock {
                    status: None,
                    overrides: mapped.overrides,
                });
            }
            match mock_status(&String::from_utf8_lossy(&mapped.body)) {
                Some(status) => Ok(Prepared::Mock {
                    status: Some(status),
                    overrides: mapped.overrides,
                }),
                None => Err(Abort::configuration(
                    "Execution failed due to configuration error: statusCode should be an integer which defined in request template",
                )),
            }
        }
        IntegrationType::Aws => {
            let uri = substitute_stage_variables(
                integration.uri.as_deref().unwrap_or_default(),
                scope.stage_variables,
            );
            if uri.contains(":lambda:path/") {
                lambda(deployed, exchange, &scope, integration, &uri)
            } else {
                aws_service(deployed, exchange, &scope, integration, &uri)
            }
        }
        IntegrationType::Http | IntegrationType::HttpProxy => {
            http(deployed, exchange, &scope, integration)
        }
    }
}

/// Parameter mappings, then the template (or passthrough) and the
/// template's `$context.requestOverride`.
fn map_request(
    deployed: &Deployed,
    exchange: &Exchange,
    scope: &RequestScope<'_>,
    integration: &Integration,
) -> Result<EndpointRequest, Abort> {
    let request = &exchange.request;
    let mut mapped = EndpointRequest {
        headers: Vec::new(),
        query: Vec::new(),
        path: BTreeMap::new(),
        body: Vec::new(),
        templated: false,
        overrides: ResponseOverride::default(),
    };
    let mut context = None;
    for (target, expression) in &integration.request_parameters {
        let value = resolve_request_source(deployed, scope, expression, &mut context);
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
        &deployed.api.binary_media_types,
        request.header("Content-Type").unwrap_or(""),
    );
    let template_type = template_for(integration, request).map_err(|kind| {
        Abort::new(
            Failure::new(kind),
            "Execution failed: the request's Content-Type has no mapping template and the passthrough behavior refuses it",
        )
    })?;
    match template_type {
        Some(content_type) => {
            let template = deployed
                .templates
                .method(exchange.route.resource, &exchange.method_key)
                .and_then(|m| m.request.get(&content_type))
                .expect("every request template is compiled");
            let input = if binary {
                // A binary body reaches a template as base64 text.
                crate::http::base64_encode(&request.body)
            } else {
                String::from_utf8_lossy(&request.body).into_owned()
            };
            let (out, context) =
                render(deployed, template, scope, None, input).map_err(Abort::configuration)?;
            mapped.body = match integration.content_handling {
                Some(ContentHandling::ConvertToBinary) => {
                    crate::http::base64_decode(&out).unwrap_or_else(|_| out.into_bytes())
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
                    crate::http::base64_encode(&request.body).into_bytes()
                }
                Some(ContentHandling::ConvertToBinary) if !binary => {
                    crate::http::base64_decode(&String::from_utf8_lossy(&request.body))
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
    deployed: &Deployed,
    scope: &RequestScope<'_>,
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
                .get_or_insert_with(|| context::value(deployed, scope, None))
                .clone()
        }),
    }
}

/// What a request template put in `$context.requestOverride`: headers,
/// query parameters and path parameters that replace the mapped ones.
fn apply_request_override(context: &crate::vtl::Value, mapped: &mut EndpointRequest) {
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
    deployed: &Deployed,
    exchange: &Exchange,
    scope: &RequestScope<'_>,
    integration: &Integration,
) -> Result<Prepared, Abort> {
    let uri = substitute_stage_variables(
        integration.uri.as_deref().unwrap_or_default(),
        scope.stage_variables,
    );
    let function = lambda::function_for(&uri, scope.stage_variables)?;
    let (domain_name, domain_prefix) = context::domain(deployed, scope);
    let input = EventInput {
        scope,
        api_id: &deployed.api.id,
        account_id: &deployed.deployment.account_id,
        domain_name: &domain_name,
        domain_prefix: &domain_prefix,
    };
    let route = RestRoute {
        resource: &deployed.api.resources[exchange.route.resource],
        operation_name: deployed.method_of(exchange).operation_name.as_deref(),
        deployment_id: &crate::model::resource_id(&deployed.api.id, scope.stage),
        binary: crate::http::is_binary_media_type(
            &deployed.api.binary_media_types,
            exchange.request.header("Content-Type").unwrap_or(""),
        ),
    };
    let payload = lambda::rest_event(&input, &route);
    let log_lines = lambda::invocation_log_lines(deployed, exchange, &function, &payload);
    let invoke = LambdaInvoke {
        payload,
        request_id: exchange.ids.derived_id(1),
        ..function
    };
    Ok(call(
        Target::Lambda(invoke),
        Waiting::LambdaProxy,
        integration,
        log_lines,
        ResponseOverride::default(),
    ))
}

fn lambda(
    deployed: &Deployed,
    exchange: &Exchange,
    scope: &RequestScope<'_>,
    integration: &Integration,
    uri: &str,
) -> Result<Prepared, Abort> {
    let function = lambda::function_for(uri, scope.stage_variables)?;
    let mapped = map_request(deployed, exchange, scope, integration)?;
    let log_lines = lambda::invocation_log_lines(deployed, exchange, &function, &mapped.body);
    let invoke = LambdaInvoke {
        payload: mapped.body,
        request_id: exchange.ids.derived_id(1),
        ..function
    };
    Ok(call(
        Target::Lambda(invoke),
        Waiting::Lambda,
        integration,
        log_lines,
        mapped.overrides,
    ))
}

/// A call the integration makes, within its timeout.
fn call(
    target: Target,
    waiting: Waiting,
    integration: &Integration,
    log_lines: Vec<String>,
    overrides: ResponseOverride,
) -> Prepared {
    Prepared::Call(Box::new(Outgoing {
        target,
        waiting,
        timeout_ms: integration.timeout_in_millis,
        log_lines,
        overrides,
    }))
}

fn http(
    deployed: &Deployed,
    exchange: &Exchange,
    scope: &RequestScope<'_>,
    integration: &Integration,
) -> Result<Prepared, Abort> {
    let proxy = integration.kind == IntegrationType::HttpProxy;
    let request = &exchange.request;
    let mut mapped = map_request(deployed, exchange, scope, integration)?;
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
    crate::http::append_query(&mut url, &query);
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
    if !proxy && !mapped.body.is_empty() && !headers.has("Content-Type") {
        let content_type = request.header("Content-Type").unwrap_or("application/json");
        headers.push(("Content-Type".to_string(), content_type.to_string()));
    }
    if !headers.has("Accept") {
        headers.push(("Accept".to_string(), "application/json".to_string()));
    }
    if !headers.has("User-Agent") {
        headers.push((
            "User-Agent".to_string(),
            format!("AmazonAPIGateway_{}", deployed.api.id),
        ));
    }
    headers.push(("X-Amzn-Trace-Id".to_string(), exchange.ids.trace_id.clone()));
    headers.push((
        "x-amzn-apigateway-api-id".to_string(),
        deployed.api.id.clone(),
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
        endpoint_request_lines(&url, &shown, &mapped.body, 16)
    } else {
        Vec::new()
    };
    let waiting = if proxy {
        Waiting::HttpProxy
    } else {
        Waiting::Http
    };
    let target = Target::Http(HttpCall {
        method,
        url,
        headers,
        body: mapped.body,
        connection_id,
    });
    Ok(call(
        target,
        waiting,
        integration,
        log_lines,
        mapped.overrides,
    ))
}

/// An AWS service URI: `arn:aws:apigateway:{region}:{subdomain.}{service}:action/{Action}[&k=v]`
/// or `...:path/{path}`.
fn aws_service(
    deployed: &Deployed,
    exchange: &Exchange,
    scope: &RequestScope<'_>,
    integration: &Integration,
    uri: &str,
) -> Result<Prepared, Abort> {
    let bad = || {
        Abort::configuration(format!("Execution failed due to configuration error: `{uri}` is not an AWS service integration URI (arn:aws:apigateway:{{region}}:{{service}}:action/{{Action}} or :path/{{path}})"))
    };
    let rest = uri.strip_prefix("arn:aws:apigateway:").ok_or_else(bad)?;
    let mut parts = rest.splitn(3, ':');
    let (region, host, spec) = match (parts.next(), parts.next(), parts.next()) {
        (Some(r), Some(h), Some(s)) => (r, h, s),
        _ => return Err(bad()),
    };
    let region = if region.is_empty() {
        deployed.deployment.region.as_str()
    } else {
        region
    };
    let service = host.rsplit('.').next().unwrap_or(host).to_string();
    let mut mapped = map_request(deployed, exchange, scope, integration)?;
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
            ("x-amzn-apigateway-api-id", deployed.api.id.clone()),
            ("Accept", "application/json".to_string()),
            (
                "User-Agent",
                format!("AmazonAPIGateway_{}", deployed.api.id),
            ),
            ("X-Amz-Date", time.amz_date()),
            ("Authorization", masked_authorization(&signature)),
            ("X-Amz-Security-Token", security_token(&exchange.ids)),
        ] {
            if !shown.iter().any(|(n, _)| n.eq_ignore_ascii_case(k)) {
                shown.push((k.to_string(), v));
            }
        }
        endpoint_request_lines(&url, &shown, &mapped.body, 16)
    } else {
        Vec::new()
    };
    let target = Target::Aws(AwsCall {
        service,
        region: region.to_string(),
        action,
        path,
        method,
        url,
        headers: mapped.headers,
        body: mapped.body,
    });
    Ok(call(
        target,
        Waiting::Aws,
        integration,
        log_lines,
        mapped.overrides,
    ))
}

/// The content type whose request template applies, or `None` to pass the
/// body through; `Err` when the passthrough behaviour refuses the request.
fn template_for(
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
fn mock_status(text: &str) -> Option<u16> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mock_status_reads_json_and_the_common_shorthand() {
        assert_eq!(mock_status(r#"{"statusCode": 200}"#), Some(200));
        assert_eq!(mock_status("{statusCode: 404}"), Some(404));
        assert_eq!(mock_status("{ 'statusCode' : '500' }"), Some(500));
        assert_eq!(mock_status("{}"), None);
    }
}
