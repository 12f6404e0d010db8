pub mod domain;
pub mod demo;
pub mod store;
pub mod service;
pub mod cli;
pub mod remote;
pub mod tui;
