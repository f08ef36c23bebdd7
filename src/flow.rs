//! [`Flow`], a callflow node: a [`Node`] whose action is the generated
//! [`Action`] (one variant per callflow module).

use crate::Action;
use crate::node::Node;

/// One callflow node: what to do ([`Action`]: module and data) and where to
/// go next ([`Children`](crate::Children), keyed `"_"` for the default
/// branch and by module-specific keys such as menu digits or `"timeout"`).
///
/// Reading is lossless: unknown node members stay in [`Node::extra`],
/// unknown modules and data that does not fit its module's type stay as
/// [`Action::Other`], `children` entries that are not nodes are kept too,
/// and writing produces the same JSON value.
///
/// ```
/// use kazoo_callflows::{Flow, actions::{CollectDtmf, Pivot, Tts}};
///
/// let flow = Flow::new(Tts::new("Please enter up to four digits."))
///     .then(CollectDtmf::new().with_max_digits(4).with_collection_name("custom_name"))
///     .then(Pivot::new("http://you.com/collected.php"));
/// assert_eq!(flow.module(), "tts");
/// assert_eq!(flow.next().unwrap().next().unwrap().module(), "pivot");
/// ```
pub type Flow = Node<Action>;

/// Any action, or any module's data type (`Tts`, `RingGroup`, …), is a
/// node without children: `flow.then(Tts::new("Hi"))`.
impl<T: Into<Action>> From<T> for Flow {
    fn from(action: T) -> Flow {
        Flow::new(action)
    }
}
