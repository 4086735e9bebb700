//! Mapping templates are parsed when the API loads: one that does not parse
//! is an error naming the method, the content type, the line and column.

use portico::{ErrorKind, Gateway, Options};

fn doc(integration: &str) -> String {
    format!(
        r#"{{"openapi":"3.0.1","info":{{"title":"T","version":"1"}},"paths":{{"/pets/{{id}}":{{"post":{{
            "responses":{{"200":{{"description":"ok"}}}},
            "x-amazon-apigateway-integration":{integration}}}}}}}}}"#
    )
}

#[test]
fn a_request_template_that_does_not_parse_names_its_place() {
    let err = Gateway::from_definition(
        &doc(r##"{"type":"mock","requestTemplates":{"application/json":"{\n  #if($input.params('id')\n}"}}"##),
        Options::default(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Template);
    assert_eq!(
        err.pointer(),
        Some("/paths/~1pets~1{id}/post/x-amazon-apigateway-integration/requestTemplates/application~1json")
    );
    assert_eq!(err.line_col(), Some((3, 1)));
    assert_eq!(
        err.to_string(),
        "template error at /paths/~1pets~1{id}/post/x-amazon-apigateway-integration/requestTemplates/application~1json: \
         the request template for application/json of POST /pets/{id} does not parse: \
         expected `)` to close #if, found `}` (line 3, column 1)"
    );
}

#[test]
fn response_and_gateway_response_templates_are_checked_too() {
    let err = Gateway::from_definition(
        &doc(r#"{"type":"mock","responses":{"default":{"statusCode":"200","responseTemplates":{"text/html":"<p>#end</p>"}}}}"#),
        Options::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "template error at /paths/~1pets~1{id}/post/x-amazon-apigateway-integration/responses/default/responseTemplates/text~1html: \
         the response template for text/html of the `default` integration response of POST /pets/{id} does not parse: \
         unexpected `#end`: no directive is open; remove it or add the opening #if, #foreach, #macro or #define (line 1, column 4)"
    );
    let gateway_responses = r#"{"openapi":"3.0.1","info":{"title":"T","version":"1"},"paths":{},
        "x-amazon-apigateway-gateway-responses":{"DEFAULT_4XX":{"responseTemplates":{"application/json":"${oops"}}}}"#;
    let err = Gateway::from_definition(gateway_responses, Options::default()).unwrap_err();
    assert_eq!(err.pointer(), Some("/x-amazon-apigateway-gateway-responses/DEFAULT_4XX/responseTemplates/application~1json"));
    assert_eq!(
        err.to_string(),
        "template error at /x-amazon-apigateway-gateway-responses/DEFAULT_4XX/responseTemplates/application~1json: \
         the DEFAULT_4XX gateway response template for application/json does not parse: \
         expected `}` to close ${oops (line 1, column 7)"
    );
}

#[test]
fn templates_over_300_kb_are_refused() {
    let big = "x".repeat(300 * 1024 + 1);
    let err = Gateway::from_definition(
        &doc(&format!(
            r#"{{"type":"mock","requestTemplates":{{"application/json":"{big}"}}}}"#
        )),
        Options::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "template error at /paths/~1pets~1{id}/post/x-amazon-apigateway-integration/requestTemplates/application~1json: \
         the request template for application/json of POST /pets/{id} does not parse: \
         the template is 307201 bytes; the limit is 307200 bytes (line 1, column 1)"
    );
}
