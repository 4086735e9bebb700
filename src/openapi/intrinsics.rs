//! CloudFormation intrinsic functions in ARNs, as SAM and CDK leave them in
//! an API's definition (`Fn::Sub`, `Fn::GetAtt`, `Ref`, `Fn::Join`).
//!
//! Outside CloudFormation there are no stacks: pseudo parameters resolve to
//! the gateway's region and account, and a function's logical id stands for
//! its name, so `${HelloFunction.Arn}` invokes `lambdas.HelloFunction`.

use serde_json::Value;

use super::json::{invalid, kind_of, Pointer};
use crate::error::Error;

/// The values pseudo parameters resolve to.
pub(crate) struct Stack {
    pub region: String,
    pub account_id: String,
}

impl Stack {
    /// An ARN or URI field: a string, or an intrinsic that yields one.
    pub fn resolve(&self, value: &Value, at: &Pointer) -> Result<String, Error> {
        let obj = match value {
            Value::String(s) => return Ok(s.clone()),
            Value::Object(obj) if obj.len() == 1 => obj,
            other => {
                return Err(invalid(
                    at,
                    format!("expected a string, found {}", kind_of(other)),
                ))
            }
        };
        let (name, arg) = obj.iter().next().expect("one member");
        let arg_at = at.key(name);
        match name.as_str() {
            "Fn::Sub" => match arg {
                Value::String(template) => self.sub(template, &[], &arg_at),
                Value::Array(parts) if parts.len() == 2 => {
                    let template = parts[0].as_str().ok_or_else(|| {
                        invalid(&arg_at.index(0), "the `Fn::Sub` template must be a string")
                    })?;
                    let vars_at = arg_at.index(1);
                    let mut vars = Vec::new();
                    if let Value::Object(map) = &parts[1] {
                        for (k, v) in map {
                            vars.push((k.clone(), self.resolve(v, &vars_at.key(k))?));
                        }
                    } else {
                        return Err(invalid(&vars_at, "the `Fn::Sub` variables must be an object"));
                    }
                    self.sub(template, &vars, &arg_at)
                }
                _ => Err(invalid(
                    &arg_at,
                    "`Fn::Sub` takes a string or [template, {variables}]",
                )),
            },
            "Fn::GetAtt" => {
                let (resource, attribute) = match arg {
                    Value::String(s) => s.split_once('.').unwrap_or((s, "")),
                    Value::Array(p) if p.len() == 2 => (
                        p[0].as_str().unwrap_or_default(),
                        p[1].as_str().unwrap_or_default(),
                    ),
                    _ => ("", ""),
                };
                self.attribute(resource, attribute).ok_or_else(|| {
                    invalid(
                        &arg_at,
                        "`Fn::GetAtt` is resolved for a function's `Arn` only; write the ARN instead",
                    )
                })
            }
            "Ref" => {
                let name = arg
                    .as_str()
                    .ok_or_else(|| invalid(&arg_at, "`Ref` takes a logical id"))?;
                Ok(self.reference(name))
            }
            "Fn::Join" => {
                let parts = arg.as_array().filter(|p| p.len() == 2);
                let (sep, list) = match parts {
                    Some(p) => (p[0].as_str(), p[1].as_array()),
                    None => (None, None),
                };
                let (Some(sep), Some(list)) = (sep, list) else {
                    return Err(invalid(&arg_at, "`Fn::Join` takes [separator, [values]]"));
                };
                let list_at = arg_at.index(1);
                let mut out = Vec::with_capacity(list.len());
                for (i, item) in list.iter().enumerate() {
                    out.push(self.resolve(item, &list_at.index(i))?);
                }
                Ok(out.join(sep))
            }
            other => Err(invalid(
                at,
                format!(
                    "the CloudFormation function `{other}` cannot be resolved outside CloudFormation; write the value instead"
                ),
            )),
        }
    }

    fn reference(&self, name: &str) -> String {
        match name {
            "AWS::Region" => self.region.to_string(),
            "AWS::AccountId" => self.account_id.to_string(),
            "AWS::Partition" => "aws".to_string(),
            "AWS::URLSuffix" => "amazonaws.com".to_string(),
            "AWS::StackName" => "portico".to_string(),
            // A function's Ref is its name; its logical id stands in for it.
            other => other.to_string(),
        }
    }

    fn attribute(&self, resource: &str, attribute: &str) -> Option<String> {
        (attribute == "Arn" && !resource.is_empty()).then(|| {
            format!(
                "arn:aws:lambda:{}:{}:function:{resource}",
                self.region, self.account_id
            )
        })
    }

    fn sub(
        &self,
        template: &str,
        vars: &[(String, String)],
        at: &Pointer,
    ) -> Result<String, Error> {
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let end = after
                .find('}')
                .ok_or_else(|| invalid(at, "an `Fn::Sub` variable is missing its closing `}`"))?;
            let name = &after[..end];
            if let Some(literal) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
            } else if let Some((_, v)) = vars.iter().find(|(k, _)| k == name) {
                out.push_str(v);
            } else if let Some((resource, attribute)) = name.split_once('.') {
                let value = self.attribute(resource, attribute).ok_or_else(|| {
                    invalid(
                        at,
                        format!("`${{{name}}}` cannot be resolved: only a function's `.Arn` is known outside CloudFormation"),
                    )
                })?;
                out.push_str(&value);
            } else {
                out.push_str(&self.reference(name));
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
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
        assert!(ok(r#"{"Fn::Sub":"${Bucket.DomainName}"}"#).is_err());
    }
}
