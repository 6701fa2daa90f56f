//! Reading PDF, HTML and DOCX editions.

mod bad_input;
mod formats;
mod layouts;
mod twocol;
