//! Group commit for inbound texts on SQLite (`jobs::batch`): the texts of many concurrent
//! webhooks are stored in one transaction, and each webhook hears its outcome only after that
//! transaction has committed, so a 200 to the provider still means the text is stored.
//! PostgreSQL, with a pool of connections, stores each text in its own transaction.

use super::batch::{BatchWriter, Batched};
use crate::domain::PhoneNumber;
use crate::inbound::{self, InboundOutcome, InboundSms};
use crate::store::businesses::{self, BusinessRecord};
use crate::store::{Store, Tx};
use std::collections::HashMap;
use std::time::Duration;

/// One webhook's text, owned so it can wait in the queue.
struct Inbound {
    /// `None`: the business that owns `to`, looked up in the batch's transaction.
    business: Option<BusinessRecord>,
    from: PhoneNumber,
    message_sid: String,
    to: String,
    body: String,
    now_ms: i64,
}

impl Inbound {
    fn sms(&self) -> InboundSms<'_> {
        InboundSms {
            message_sid: &self.message_sid,
            from: self.from.as_str(),
            to: &self.to,
            body: &self.body,
        }
    }
}

impl Batched for Inbound {
    type Out = Option<InboundOutcome>;
    /// A batch's texts mostly go to a few numbers: each is looked up once.
    type Cache = HashMap<String, Option<BusinessRecord>>;
    const DOING: &'static str = "storing an inbound text";

    /// The text in the batch's transaction; `None` when its number belongs to no business.
    async fn record(
        &self,
        tx: &mut Tx,
        owners: &mut Self::Cache,
    ) -> anyhow::Result<Option<InboundOutcome>> {
        let business = match &self.business {
            Some(b) => b,
            None => {
                if !owners.contains_key(&self.to) {
                    let owner = businesses::by_number(tx, &self.to).await?;
                    owners.insert(self.to.clone(), owner);
                }
                match owners.get(&self.to).and_then(Option::as_ref) {
                    Some(b) => b,
                    None => return Ok(None),
                }
            }
        };
        let outcome = inbound::record(tx, business, &self.from, &self.sms(), self.now_ms).await?;
        Ok(Some(outcome))
    }
}

/// The handle webhooks send their texts to; the task starts with the first text.
pub struct InboundWriter(BatchWriter<Inbound>);

impl InboundWriter {
    /// `hold`, tests only: how long a batch stays open before its commit
    /// (`inbound_batch_hold`).
    pub fn new(store: Store, hold: Duration) -> Self {
        Self(BatchWriter::new(store, hold))
    }

    /// Store the text in the next batch; the outcome is returned once the batch has committed.
    /// Without a `business`, the one that owns `sms.to` is looked up in the batch; `None` when
    /// there is none (nothing is stored).
    pub async fn store(
        &self,
        business: Option<&BusinessRecord>,
        from: &PhoneNumber,
        sms: &InboundSms<'_>,
        now_ms: i64,
    ) -> anyhow::Result<Option<InboundOutcome>> {
        self.0
            .submit(Inbound {
                business: business.cloned(),
                from: from.clone(),
                message_sid: sms.message_sid.to_string(),
                to: sms.to.to_string(),
                body: sms.body.to_string(),
                now_ms,
            })
            .await
    }
}
