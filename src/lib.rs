//! interdoc: a static site builder for localized interop documentation.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`config`] -> [`load`] (and [`xrefmap`]) -> [`index`] -> [`assets`] -> [`links`] ->
//! [`render`] (Markdown via [`markdown`], Tera + Fluent) -> [`write`].
//! [`site::build`] runs it; [`report`] says what happened.

pub mod assets;
pub mod cache;
pub mod config;
pub mod defaults;
pub mod diagnostics;
pub mod escape;
pub mod fresh;
#[doc(hidden)]
pub mod fuzzing;
pub mod highlight;
pub mod index;
pub mod init;
pub mod links;
pub mod load;
pub mod locale;
pub mod markdown;
pub mod memo;
pub mod paths;
pub mod render;
pub mod report;
pub mod samples;
pub mod search;
pub mod serve;
pub mod site;
pub mod snippets;
pub mod stamp;
pub mod status;
pub mod write;
pub mod xrefmap;

pub use site::{BuildError, BuildOptions, build};
