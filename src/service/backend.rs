//! How a front end reaches the service: in this process, or through the server.

use super::api::{Event, Request, Response};
use super::error::Result;
use super::Service;

/// What every front end talks to. The TUI and the CLI use only this.
pub trait Backend: Send {
    /// Send one request and wait for its answer.
    fn call(&mut self, request: Request) -> Result<Response>;
    /// Events that arrived since the last call (changes made by anyone).
    fn events(&mut self) -> Vec<Event>;
    /// The user requests are made for.
    fn user(&self) -> &str;
}

/// The service in this process (tests, and the server itself).
pub struct Local {
    pub service: Service,
    user: String,
    pending: Vec<Event>,
}

impl Local {
    pub fn new(service: Service, user: impl Into<String>) -> Local {
        Local {
            service,
            user: user.into(),
            pending: Vec::new(),
        }
    }
}

impl Backend for Local {
    fn call(&mut self, request: Request) -> Result<Response> {
        let out = self.service.handle(&self.user, request);
        self.pending.extend(out.events);
        out.result
    }

    fn events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.pending)
    }

    fn user(&self) -> &str {
        &self.user
    }
}
