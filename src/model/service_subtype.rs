//! HTTP API first-class AWS service integrations (`integrationSubtype`):
//! which service action each calls and the parameters it takes, as API
//! Gateway's integration subtype reference lists them.

/// One integration subtype.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ServiceSubtype {
    /// The subtype as written (`SQS-SendMessage`).
    pub name: &'static str,
    /// The service's signing name, the first half of a `services` key (`sqs`).
    pub service: &'static str,
    /// The service action (`SendMessage`).
    pub action: &'static str,
    /// Parameters the integration must map.
    pub required: &'static [&'static str],
    /// Parameters it may map.
    pub optional: &'static [&'static str],
}

impl ServiceSubtype {
    /// Whether `parameter` is one the action takes.
    pub fn takes(&self, parameter: &str) -> bool {
        self.required.contains(&parameter) || self.optional.contains(&parameter)
    }
}

/// Every subtype API Gateway has, in its reference's order.
pub(crate) const SERVICE_SUBTYPES: [ServiceSubtype; 10] = [
    ServiceSubtype {
        name: "EventBridge-PutEvents",
        service: "events",
        action: "PutEvents",
        required: &["Detail", "DetailType", "Source"],
        optional: &["Time", "EventBusName", "Resources", "Region", "TraceHeader"],
    },
    ServiceSubtype {
        name: "SQS-SendMessage",
        service: "sqs",
        action: "SendMessage",
        required: &["QueueUrl", "MessageBody"],
        optional: &[
            "DelaySeconds",
            "MessageAttributes",
            "MessageDeduplicationId",
            "MessageGroupId",
            "MessageSystemAttributes",
            "Region",
        ],
    },
    ServiceSubtype {
        name: "SQS-ReceiveMessage",
        service: "sqs",
        action: "ReceiveMessage",
        required: &["QueueUrl"],
        optional: &[
            "AttributeNames",
            "MaxNumberOfMessages",
            "MessageAttributeNames",
            "ReceiveRequestAttemptId",
            "VisibilityTimeout",
            "WaitTimeSeconds",
            "Region",
        ],
    },
    ServiceSubtype {
        name: "SQS-DeleteMessage",
        service: "sqs",
        action: "DeleteMessage",
        required: &["ReceiptHandle", "QueueUrl"],
        optional: &["Region"],
    },
    ServiceSubtype {
        name: "SQS-PurgeQueue",
        service: "sqs",
        action: "PurgeQueue",
        required: &["QueueUrl"],
        optional: &["Region"],
    },
    ServiceSubtype {
        name: "AppConfig-GetConfiguration",
        service: "appconfig",
        action: "GetConfiguration",
        required: &["Application", "Environment", "Configuration", "ClientId"],
        optional: &["ClientConfigurationVersion", "Region"],
    },
    ServiceSubtype {
        name: "Kinesis-PutRecord",
        service: "kinesis",
        action: "PutRecord",
        required: &["StreamName", "Data", "PartitionKey"],
        optional: &["SequenceNumberForOrdering", "ExplicitHashKey", "Region"],
    },
    ServiceSubtype {
        name: "StepFunctions-StartExecution",
        service: "states",
        action: "StartExecution",
        required: &["StateMachineArn"],
        optional: &["Name", "Input", "Region"],
    },
    ServiceSubtype {
        name: "StepFunctions-StartSyncExecution",
        service: "states",
        action: "StartSyncExecution",
        required: &["StateMachineArn"],
        optional: &["Name", "Input", "Region", "TraceHeader"],
    },
    ServiceSubtype {
        name: "StepFunctions-StopExecution",
        service: "states",
        action: "StopExecution",
        required: &["ExecutionArn"],
        optional: &["Cause", "Error", "Region"],
    },
];

/// The subtype named `name`.
pub(crate) fn service_subtype(name: &str) -> Option<&'static ServiceSubtype> {
    SERVICE_SUBTYPES.iter().find(|s| s.name == name)
}
