//! The store's own error, for the functions whose callers branch on what went wrong: a row that
//! is not there (a 404 at the edge, a skipped job elsewhere) or a unique key already taken, apart
//! from a database that failed. The sqlx error stays the source, so logs keep the whole chain.
//!
//! Functions whose callers only ever pass failures up still return `anyhow::Result`; a
//! `store::Error` converts into `anyhow::Error` with `?`.

/// What a store call can fail with, sorted by what the caller does next.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No such row (for the business asked about: another business's row is missing too).
    #[error("no such {what}")]
    NotFound { what: &'static str },
    /// A unique key already holds the value (another request got there first).
    #[error("{what} is already taken")]
    Conflict {
        what: &'static str,
        #[source]
        source: sqlx::Error,
    },
    /// The database failed while `doing`.
    #[error("{doing}")]
    Database {
        doing: &'static str,
        #[source]
        source: sqlx::Error,
    },
    /// A stored row that does not read back (a column of another type, a stored value that no
    /// longer parses).
    #[error(transparent)]
    Row(#[from] anyhow::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::NotFound { .. })
    }
}

/// Names what a failed query was doing (the `.context()` of store calls with a typed error).
pub trait Doing<T> {
    fn doing(self, doing: &'static str) -> Result<T>;
    /// As [`Doing::doing`], but a unique violation is a [`Error::Conflict`] over `what`.
    fn unique(self, what: &'static str, doing: &'static str) -> Result<T>;
}

impl<T> Doing<T> for std::result::Result<T, sqlx::Error> {
    fn doing(self, doing: &'static str) -> Result<T> {
        self.map_err(|source| Error::Database { doing, source })
    }

    fn unique(self, what: &'static str, doing: &'static str) -> Result<T> {
        self.map_err(|source| match &source {
            sqlx::Error::Database(e) if e.is_unique_violation() => Error::Conflict { what, source },
            _ => Error::Database { doing, source },
        })
    }
}

/// A row that must be there: `None` becomes [`Error::NotFound`].
pub trait Found<T> {
    fn found(self, what: &'static str) -> Result<T>;
}

impl<T> Found<T> for Option<T> {
    fn found(self, what: &'static str) -> Result<T> {
        self.ok_or(Error::NotFound { what })
    }
}

/// For callers to whom a missing row is an ordinary answer (a job whose business was deleted
/// meanwhile): [`Error::NotFound`] becomes `None`, every other error stays an error.
pub trait Optional<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> Optional<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn a_database_failure_keeps_the_sqlx_error_as_its_source() {
        let failed: std::result::Result<(), sqlx::Error> = Err(sqlx::Error::PoolTimedOut);
        let e = failed.doing("loading a booking").unwrap_err();
        assert_eq!(e.to_string(), "loading a booking");
        let source = e.source().expect("the sqlx error is the source");
        assert_eq!(source.to_string(), sqlx::Error::PoolTimedOut.to_string());
        // Through anyhow (the jobs), the chain still shows both.
        let chain = format!("{:#}", anyhow::Error::from(e));
        assert!(chain.starts_with("loading a booking: "), "{chain}");
        assert!(chain.contains("pool timed out"), "{chain}");
    }

    #[test]
    fn only_a_unique_violation_is_a_conflict() {
        let failed: std::result::Result<(), sqlx::Error> = Err(sqlx::Error::RowNotFound);
        let e = failed.unique("booking time", "claiming cells").unwrap_err();
        assert!(
            matches!(
                e,
                Error::Database {
                    doing: "claiming cells",
                    ..
                }
            ),
            "{e:?}"
        );
    }

    #[test]
    fn missing_rows_are_not_found_and_optional_makes_them_none() {
        let e = None::<i64>.found("booking").unwrap_err();
        assert!(e.is_not_found());
        assert_eq!(e.to_string(), "no such booking");
        assert_eq!(Err::<i64, _>(e).optional().unwrap(), None);
        assert_eq!(Ok::<_, Error>(7).optional().unwrap(), Some(7));
        let failed = Err::<i64, _>(Error::Row(anyhow::anyhow!("bad column")));
        assert!(failed.optional().is_err());
    }
}
