//! Typed row ids: a store function that takes a business, a conversation and a user cannot be
//! handed them in the wrong order. Each is an `i64` in the database (bound and read through
//! sqlx's `Any` driver on both backends), a bare number in JSON and in URLs (`serde`
//! transparent, so `Path<(BusinessId, ConversationId)>` parses `/app/3/c/7`).
//!
//! Rows carry them too (`BusinessRecord::id`, `BookingRow::business_id`, ...), so an id read
//! from one row reaches the next query without being unwrapped and wrapped again. A `tracing`
//! field takes the number (`business = business.id.0`): tracing's `Value` is sealed, and a
//! `%id` field would turn into a string in JSON logs.

use std::fmt;

macro_rules! row_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize, sqlx::Type,
        )]
        #[serde(transparent)]
        #[sqlx(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }
    };
}

row_id!(
    /// A row of `businesses`.
    BusinessId
);
row_id!(
    /// A row of `contacts` (a caller of one business).
    ContactId
);
row_id!(
    /// A row of `conversations` (a thread with a caller).
    ConversationId
);
row_id!(
    /// A row of `bookings` (a booking or a hold).
    BookingId
);
row_id!(
    /// A row of `users` (a dashboard account).
    UserId
);
row_id!(
    /// A row of `messages` (a text in or out, or a line of a call).
    MessageId
);
row_id!(
    /// A row of `calls` (one provider call).
    CallId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_bare_numbers_in_json_and_text() {
        let id = ConversationId(42);
        assert_eq!(serde_json::to_string(&id).unwrap(), "42");
        assert_eq!(serde_json::from_str::<ConversationId>("42").unwrap(), id);
        assert_eq!(id.to_string(), "42");
        assert_eq!(i64::from(id), 42);
    }

    #[tokio::test]
    async fn ids_bind_and_decode_as_integers() {
        let store = crate::store::Store::connect("sqlite::memory:", None)
            .await
            .unwrap();
        let row: (BookingId, BusinessId) = sqlx::query_as("SELECT $1 + 1, $2")
            .bind(BookingId(6))
            .bind(BusinessId(3))
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(row, (BookingId(7), BusinessId(3)));
    }
}
