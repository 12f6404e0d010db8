pub mod domain;
pub mod demo;
