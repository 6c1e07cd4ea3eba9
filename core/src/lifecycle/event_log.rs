//! The event log: accepted commands only, append-only, dated. Replaying it
//! on the programme and the initial data gives the same state.

use serde_json::Value;

use crate::error::LoadError;
use crate::lifecycle::command::Command;
use crate::lifecycle::Campaign;

impl Campaign {
    /// The event log as a JSON array of command objects.
    #[must_use]
    pub fn events_value(&self) -> Value {
        Value::Array(self.events().iter().map(Command::to_value).collect())
    }

    /// Replays commands on this campaign, in order, all or nothing.
    ///
    /// # Errors
    /// [`LoadError::InvalidEvent`] naming the first refused event (numbered
    /// from 1); the campaign is then exactly as it was before the call.
    pub fn replay<'a>(
        &mut self,
        events: impl IntoIterator<Item = &'a Command>,
    ) -> Result<(), LoadError> {
        // Work on a copy, kept only when every event is accepted.
        let mut work = self.clone();
        work.replay_in_place(events)?;
        *self = work;
        Ok(())
    }

    /// Replays commands in order, stopping at the first refused one (the
    /// events before it stay applied).
    fn replay_in_place<'a>(
        &mut self,
        events: impl IntoIterator<Item = &'a Command>,
    ) -> Result<(), LoadError> {
        for (i, c) in events.into_iter().enumerate() {
            self.execute(c.clone())
                .map_err(|error| LoadError::InvalidEvent {
                    index: i + 1,
                    error,
                })?;
        }
        Ok(())
    }

    /// A new campaign from the same programme and initial data with this
    /// campaign's log replayed: equal to `self` when the state is a pure
    /// function of the log.
    ///
    /// # Errors
    /// [`LoadError`] when an event is refused (never for a live campaign).
    pub fn replayed(&self) -> Result<Campaign, LoadError> {
        // The initial data is shared, not copied.
        let mut fresh = Campaign::start(self.programme().clone(), self.initial_arc());
        // A fresh campaign dropped on error: no need for a copy.
        fresh.replay_in_place(self.events())?;
        Ok(fresh)
    }
}
