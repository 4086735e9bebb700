//! The console's actions: operations that change an API the way a button
//! of the API Gateway console does, as opposed to the API's description in
//! [`crate::model`].

mod enable_cors;

pub use enable_cors::{enable_cors, CorsOptions};
