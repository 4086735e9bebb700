//! What `Ref` and `Fn::GetAtt` return for a resource, per resource type, as
//! CloudFormation documents them. Outside a real stack, ids are derived from
//! the logical id (stable across runs), names default to the logical id, and
//! ARNs carry the gateway's region and account.

use super::Stack;

/// A resource of the template as intrinsics see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResourceRef {
    /// `AWS::Lambda::Function`, `AWS::Serverless::Api`, ...
    pub kind: String,
    /// The name its properties give it (`FunctionName`, `QueueName`, ...), if a plain string.
    pub name: Option<String>,
}

/// A stand-in id, 10 lowercase letters and digits, the same for the same logical id.
pub(crate) fn stand_in_id(logical_id: &str) -> String {
    // FNV-1a: deterministic, and enough to keep ids of one template apart.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in logical_id.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..10)
        .map(|_| {
            let c = ALPHABET[(hash % 36) as usize] as char;
            hash /= 36;
            if hash == 0 {
                hash = 0x9e37_79b9_7f4a_7c15;
            }
            c
        })
        .collect()
}

/// A host name under a domain that never resolves, for DNS-name attributes.
pub(crate) fn stand_in_host(logical_id: &str) -> String {
    format!("{}.example.internal", logical_id.to_ascii_lowercase())
}

impl Stack {
    /// The name a resource goes by: its own, else its logical id.
    fn name_of(logical_id: &str, resource: &ResourceRef) -> String {
        resource
            .name
            .clone()
            .unwrap_or_else(|| logical_id.to_string())
    }

    /// A Lambda function's ARN.
    pub fn function_arn(&self, name: &str) -> String {
        format!(
            "arn:aws:lambda:{}:{}:function:{name}",
            self.region, self.account_id
        )
    }

    /// What `Ref` returns for a resource.
    pub fn resource_ref(&self, logical_id: &str, resource: &ResourceRef) -> String {
        let name = Stack::name_of(logical_id, resource);
        let (region, account) = (&self.region, &self.account_id);
        match resource.kind.as_str() {
            "AWS::SQS::Queue" => format!("https://sqs.{region}.amazonaws.com/{account}/{name}"),
            "AWS::SNS::Topic" => format!("arn:aws:sns:{region}:{account}:{name}"),
            "AWS::StepFunctions::StateMachine" | "AWS::Serverless::StateMachine" => {
                format!("arn:aws:states:{region}:{account}:stateMachine:{name}")
            }
            "AWS::S3::Bucket" => name.to_ascii_lowercase(),
            "AWS::ApiGateway::RestApi"
            | "AWS::Serverless::Api"
            | "AWS::ApiGatewayV2::Api"
            | "AWS::Serverless::HttpApi"
            | "AWS::ApiGateway::Resource"
            | "AWS::ApiGateway::Authorizer"
            | "AWS::ApiGateway::Deployment"
            | "AWS::ApiGateway::RequestValidator"
            | "AWS::ApiGateway::ApiKey"
            | "AWS::ApiGateway::UsagePlan"
            | "AWS::ApiGatewayV2::Integration"
            | "AWS::ApiGatewayV2::Route"
            | "AWS::ApiGatewayV2::Authorizer"
            | "AWS::Cognito::UserPoolClient" => stand_in_id(logical_id),
            "AWS::Cognito::UserPool" => format!("{region}_{}", stand_in_id(logical_id)),
            _ => name,
        }
    }

    /// What `Fn::GetAtt` returns for an attribute of a resource.
    pub fn resource_attribute(
        &self,
        logical_id: &str,
        resource: &ResourceRef,
        attribute: &str,
    ) -> String {
        let name = Stack::name_of(logical_id, resource);
        let (region, account) = (&self.region, &self.account_id);
        let kind = resource.kind.as_str();
        match (kind, attribute) {
            ("AWS::Lambda::Function" | "AWS::Serverless::Function", "Arn") => {
                self.function_arn(&name)
            }
            ("AWS::SQS::Queue", "Arn") => format!("arn:aws:sqs:{region}:{account}:{name}"),
            ("AWS::SQS::Queue", "QueueUrl") => self.resource_ref(logical_id, resource),
            ("AWS::SNS::Topic", "TopicArn") => self.resource_ref(logical_id, resource),
            ("AWS::DynamoDB::Table" | "AWS::Serverless::SimpleTable", "Arn") => {
                format!("arn:aws:dynamodb:{region}:{account}:table/{name}")
            }
            ("AWS::DynamoDB::Table", "StreamArn") => format!(
                "arn:aws:dynamodb:{region}:{account}:table/{name}/stream/1970-01-01T00:00:00.000"
            ),
            ("AWS::S3::Bucket", "Arn") => format!("arn:aws:s3:::{}", name.to_ascii_lowercase()),
            ("AWS::S3::Bucket", "DomainName") => {
                format!("{}.s3.amazonaws.com", name.to_ascii_lowercase())
            }
            ("AWS::S3::Bucket", "RegionalDomainName") => {
                format!("{}.s3.{region}.amazonaws.com", name.to_ascii_lowercase())
            }
            ("AWS::IAM::Role", "Arn") => format!("arn:aws:iam::{account}:role/{name}"),
            ("AWS::Kinesis::Stream", "Arn") => {
                format!("arn:aws:kinesis:{region}:{account}:stream/{name}")
            }
            ("AWS::Events::EventBus", "Arn") => {
                format!("arn:aws:events:{region}:{account}:event-bus/{name}")
            }
            ("AWS::Cognito::UserPool", "Arn") => format!(
                "arn:aws:cognito-idp:{region}:{account}:userpool/{}",
                self.resource_ref(logical_id, resource)
            ),
            ("AWS::Cognito::UserPool", "ProviderName") => format!(
                "cognito-idp.{region}.amazonaws.com/{}",
                self.resource_ref(logical_id, resource)
            ),
            ("AWS::StepFunctions::StateMachine" | "AWS::Serverless::StateMachine", "Arn") => {
                self.resource_ref(logical_id, resource)
            }
            (_, "RootResourceId") => stand_in_id(&format!("{logical_id}/")),
            (_, "Name" | "QueueName" | "TopicName" | "StateMachineName") => name,
            (_, "Arn") => {
                let service = kind
                    .split("::")
                    .nth(1)
                    .unwrap_or("unknown")
                    .to_ascii_lowercase();
                format!("arn:aws:{service}:{region}:{account}:{name}")
            }
            _ => Stack::attribute_stand_in(logical_id, attribute, &self.region, &self.account_id),
        }
    }

    /// An attribute of a resource nothing is known about (a definition
    /// outside its template): plausible by the attribute's name.
    pub fn attribute_stand_in(
        logical_id: &str,
        attribute: &str,
        region: &str,
        account: &str,
    ) -> String {
        if attribute == "QueueUrl" {
            return format!("https://sqs.{region}.amazonaws.com/{account}/{logical_id}");
        }
        if attribute.ends_with("Url") || attribute.ends_with("URL") {
            return format!("https://{}", stand_in_host(logical_id));
        }
        if attribute.contains("DNSName")
            || attribute.contains("DomainName")
            || attribute.contains("Endpoint")
        {
            return stand_in_host(logical_id);
        }
        if attribute.ends_with("Arn") {
            return format!("arn:aws:unknown:{region}:{account}:{logical_id}");
        }
        format!("{logical_id}-{attribute}")
    }
}
