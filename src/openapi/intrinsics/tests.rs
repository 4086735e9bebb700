//! Intrinsics one by one.

use super::*;

#[test]
fn sam_uris_resolve_to_function_arns() {
    let stack = Stack {
        region: "eu-west-1".to_string(),
        account_id: "111122223333".to_string(),
    };
    let ok = |json: &str| stack.resolve(&serde_json::from_str(json).unwrap(), &Pointer::root());
    assert_eq!(
        ok(r#"{"Fn::Sub":"arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Hello.Arn}/invocations"}"#).unwrap(),
        "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111122223333:function:Hello/invocations"
    );
    assert_eq!(
        ok(r#"{"Fn::Sub":["x-${Fn}-${!Literal}",{"Fn":{"Ref":"AWS::AccountId"}}]}"#).unwrap(),
        "x-111122223333-${Literal}"
    );
    assert_eq!(
        ok(r#"{"Fn::Join":["",["a",{"Fn::GetAtt":["F","Arn"]}]]}"#).unwrap(),
        "aarn:aws:lambda:eu-west-1:111122223333:function:F"
    );
    assert_eq!(ok(r#"{"Ref":"Thing"}"#).unwrap(), "Thing");
    let err = ok(r#"{"Fn::ImportValue":"x"}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid definition at the document root: the CloudFormation function `Fn::ImportValue` cannot be resolved outside CloudFormation; write the value instead"
    );
    // Outside its template, a resource's attribute stands in by its name.
    assert_eq!(
        ok(r#"{"Fn::Sub":"${Bucket.DomainName}"}"#).unwrap(),
        "bucket.example.internal"
    );
}
