//! A REST API's stages of method execution, one file per box of the
//! console's method execution view: method request, integration request,
//! integration response, method response; and the gateway responses that
//! end a request early.

pub(crate) mod gateway_response;
pub(crate) mod integration_request;
pub(crate) mod integration_response;
pub(crate) mod method_request;
pub(crate) mod method_response;
