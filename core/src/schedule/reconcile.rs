//! Reconciling the device with a plan: which pending notifications to
//! cancel and which to add. Ids are enough, because the same id always
//! carries the same content (see `plan`).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::plan::{NotificationPlan, PlannedNotification};

/// What the shell must do to make the device hold exactly the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Reconciliation {
    /// Ids the device holds that are not in the plan: cancel them (sorted, once each).
    pub cancel: Vec<String>,
    /// Notifications of the plan the device lacks: schedule them (in plan order).
    pub add: Vec<PlannedNotification>,
}

/// Compares the ids the device holds with the plan.
pub fn reconcile(plan: &NotificationPlan, device_ids: &[String]) -> Reconciliation {
    let planned: BTreeSet<&str> = plan.notifications.iter().map(|n| n.id.as_str()).collect();
    let held: BTreeSet<&str> = device_ids.iter().map(String::as_str).collect();
    Reconciliation {
        cancel: held
            .difference(&planned)
            .map(|id| (*id).to_string())
            .collect(),
        add: plan
            .notifications
            .iter()
            .filter(|n| !held.contains(n.id.as_str()))
            .cloned()
            .collect(),
    }
}
