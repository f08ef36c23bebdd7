//! [`Metaflow`], a metaflow node (what a caller's DTMF sequence runs during
//! a call, under the document's `metaflow.numbers` and
//! `metaflow.patterns`): a [`Node`] whose action is the generated
//! [`MetaflowAction`] (one variant per metaflow module).

use crate::MetaflowAction;
use crate::node::Node;

/// One metaflow node: a metaflow module ([`MetaflowAction`]: module and
/// data) and the nodes it branches to ([`Children`](crate::Children)).
///
/// Read, written, built and validated like a callflow node
/// ([`Flow`](crate::Flow)): unknown modules and data that does not fit its
/// module's type stay as [`MetaflowAction::Other`], and validation reports
/// them as Kazoo does ("unable to find metaflow schema for module …").
pub type Metaflow = Node<MetaflowAction>;

/// Any metaflow action, or any metaflow module's data type, is a node
/// without children.
impl<T: Into<MetaflowAction>> From<T> for Metaflow {
    fn from(action: T) -> Metaflow {
        Metaflow::new(action)
    }
}
