pub mod cli;
pub mod demo;
pub mod domain;
pub mod io;
pub mod remote;
pub mod service;
pub mod store;
pub mod tui;
