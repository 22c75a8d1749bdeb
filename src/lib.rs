//! Hiroba: a child-rearing support service for keitai, keypad phones, smartphones and PCs.

pub mod auth;
pub mod config;
pub mod context;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod keitai;
pub mod mail;
pub mod metrics;
pub mod notebook;
pub mod nursery;
pub mod photo;
pub mod progress;
pub mod qr;
pub mod routes;
pub mod search;
pub mod spreadsheet;
pub mod startup;
pub mod stats;
pub mod support;
pub mod threads;
pub mod watch;
pub mod worker;
