//! What a binding holds: a campaign in memory, or one kept in a store. The
//! C and Python campaign handles hold one of these, so that the same
//! handle, with the same calls, is durable when it was opened from a store
//! file — and the choice between the two is made here, once.

use numconc::{Campaign, Command, ValidationError};

use crate::{Store, StoreError};

/// A campaign in memory, or kept in a store (every command on disk).
#[derive(Debug)]
pub enum Held {
    /// In memory only: the host saves it.
    Memory(Campaign),
    /// In a store file (once closed, it answers queries and refuses
    /// commands with `STORE_CLOSED`).
    Stored(Store),
}

impl Held {
    /// The campaign.
    #[must_use]
    pub fn campaign(&self) -> &Campaign {
        match self {
            Held::Memory(c) => c,
            Held::Stored(s) => s.campaign(),
        }
    }

    /// The store, when the campaign is kept in one.
    #[must_use]
    pub fn store(&self) -> Option<&Store> {
        match self {
            Held::Memory(_) => None,
            Held::Stored(s) => Some(s),
        }
    }

    /// The store, when the campaign is kept in one.
    pub fn store_mut(&mut self) -> Option<&mut Store> {
        match self {
            Held::Memory(_) => None,
            Held::Stored(s) => Some(s),
        }
    }

    /// Closes the store of a stored campaign (see [`Store::close_in_place`]);
    /// nothing to do for a campaign in memory.
    ///
    /// # Errors
    /// As [`Store::close_in_place`].
    pub fn close(&mut self) -> Result<(), StoreError> {
        match self {
            Held::Memory(_) => Ok(()),
            Held::Stored(s) => s.close_in_place(),
        }
    }

    /// Runs a command built by `build` (see `Campaign::execute_with`).
    ///
    /// # Errors
    /// The command's error; for a store, its write errors too.
    pub fn execute_with(
        &mut self,
        build: impl FnOnce() -> Result<Command, ValidationError>,
    ) -> Result<(), StoreError> {
        match self {
            Held::Memory(c) => c.execute_with(build).map_err(StoreError::from),
            Held::Stored(s) => s.execute_with(build),
        }
    }

    /// Runs a command given as a JSON object.
    ///
    /// # Errors
    /// As [`Held::execute_with`].
    pub fn execute_value(&mut self, command: &serde_json::Value) -> Result<(), StoreError> {
        match self {
            Held::Memory(c) => c.execute_value(command).map_err(StoreError::from),
            Held::Stored(s) => s.execute_value(command),
        }
    }

    /// Replays commands, all or nothing (for a store, in one transaction).
    ///
    /// # Errors
    /// `INVALID_EVENT` naming the first refused command, or a store error.
    pub fn replay(&mut self, commands: &[Command]) -> Result<(), StoreError> {
        match self {
            Held::Memory(c) => c.replay(commands).map_err(StoreError::from),
            Held::Stored(s) => s.replay(commands),
        }
    }

    /// Runs a command given as JSON text.
    ///
    /// # Errors
    /// As [`Held::execute_with`].
    pub fn execute_json(&mut self, command: &str) -> Result<(), StoreError> {
        match self {
            Held::Memory(c) => c.execute_json(command).map_err(StoreError::from),
            Held::Stored(s) => s.execute_json(command),
        }
    }
}

/// A held campaign reads as its campaign (queries); commands go through
/// [`Held::execute_with`] and the others, never through a `&mut Campaign`.
impl std::ops::Deref for Held {
    type Target = Campaign;

    fn deref(&self) -> &Campaign {
        self.campaign()
    }
}
