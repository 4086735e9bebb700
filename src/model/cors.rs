//! "Enable CORS" under the path `portico::model::cors`, which code written
//! against it still names; the action itself is in [`crate::console`].

pub use crate::console::{enable_cors as enable, CorsOptions};
