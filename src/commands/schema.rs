//! `journeymap schema`: print the JSON Schema of journey files, site.yaml or promises.yaml.

use super::Outcome;
use crate::schema;
use std::io::{self, Write};

/// Which file's schema to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Journey files.
    Journey,
    /// site.yaml.
    Site,
    /// promises.yaml.
    Promises,
}

/// Prints a schema.
pub fn run(which: Which, out: &mut dyn Write) -> io::Result<Outcome> {
    let schema = match which {
        Which::Journey => schema::journey(),
        Which::Site => schema::site(),
        Which::Promises => schema::promises(),
    };
    out.write_all(schema::to_json(&schema).as_bytes())?;
    Ok(Outcome::Success)
}
