//! The API definition, mirroring API Gateway's own resources: a
//! [`RestApi`] holds [`Resource`]s, which hold [`Method`]s, which hold an
//! [`Integration`] and its responses; plus the API-wide models, request
//! validators, gateway responses and authorizers.
//!
//! Maps keyed by name, status or content type are `BTreeMap`s: API Gateway
//! itself treats them as unordered, and a sorted map makes two imports of
//! the same API compare equal.

mod authorizer;
mod compiled;
mod gateway_response;
mod integration;
mod method;
mod models;
mod resource;
mod resource_tree;
mod rest_api;
mod service_subtype;
mod stage;

pub use authorizer::{Authorizer, AuthorizerType};
pub(crate) use compiled::{CompiledModels, ModelError};
pub use gateway_response::{GatewayResponse, ResponseType};
pub use integration::{
    ConnectionType, ContentHandling, Integration, IntegrationResponse, IntegrationType,
    PassthroughBehavior,
};
pub use method::{AuthorizationType, Method, MethodResponse};
pub(crate) use models::model_url;
pub use models::{built_in_model, Model, RequestValidator};
pub(crate) use resource::resource_id;
pub use resource::Resource;
pub use resource_tree::TreeError;
pub use rest_api::{
    ApiKeySource, ApiProtocol, CorsConfiguration, EndpointConfiguration, RestApi, DEFAULT_ROUTE,
};
pub(crate) use service_subtype::{service_subtype, SERVICE_SUBTYPES};
pub use stage::{Canary, DeploymentHint, Stage};
