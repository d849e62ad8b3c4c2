//! A segment's filter as SQL over `contacts c`: one WHERE clause with `$n` parameters, the
//! same on both databases but for the few expressions each spells its own way ([`Dialect`]).
//! The rule it must agree with is `app::domain::campaigns::segment::matches`; the store
//! conformance tests hold them to each other.

use app::domain::campaigns::segment::{
    date, since_ms, AttributeOp, CampaignOutcome, ConversationState, LastMessage, SegmentFilter,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

/// A parameter of the clause, in order.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Arg {
    Int(i64),
    Text(String),
    Real(f64),
}

pub(crate) struct Clause {
    pub sql: String,
    pub args: Vec<Arg>,
}

struct Builder {
    dialect: Dialect,
    parts: Vec<String>,
    args: Vec<Arg>,
}

impl Builder {
    /// Adds a parameter; its placeholder.
    fn arg(&mut self, a: Arg) -> String {
        self.args.push(a);
        format!("${}", self.args.len())
    }

    fn ints(&mut self, ids: &[i64]) -> String {
        ids.iter()
            .map(|id| self.arg(Arg::Int(*id)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn texts(&mut self, items: impl IntoIterator<Item = String>) -> String {
        items
            .into_iter()
            .map(|t| self.arg(Arg::Text(t)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn attribute(&self, key: &str) -> String {
        match self.dialect {
            Dialect::Sqlite => {
                format!("(SELECT value FROM json_each(c.attributes) WHERE key = {key})")
            }
            Dialect::Postgres => format!("(c.attributes::jsonb ->> {key})"),
        }
    }

    fn contains(&self, haystack: &str, needle: &str) -> String {
        match self.dialect {
            Dialect::Sqlite => format!("instr(lower({haystack}), lower({needle})) > 0"),
            Dialect::Postgres => format!("strpos(lower({haystack}), lower({needle})) > 0"),
        }
    }

    fn is_date(&self, v: &str) -> String {
        match self.dialect {
            Dialect::Sqlite => {
                format!("trim({v}) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'")
            }
            Dialect::Postgres => format!("trim({v}) ~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}$'"),
        }
    }

    /// The value as a number, NULL when it is not one (a CASE: PostgreSQL may evaluate the
    /// parts of an AND in any order, and a failed cast is an error there).
    fn as_number(&self, v: &str) -> String {
        let dotted = format!("replace(trim({v}), ',', '.')");
        match self.dialect {
            Dialect::Sqlite => format!(
                "(CASE WHEN {dotted} GLOB '*[0-9]*' AND NOT ltrim({dotted}, '-') GLOB '*[^0-9.]*' THEN CAST({dotted} AS REAL) END)"
            ),
            Dialect::Postgres => format!(
                "(CASE WHEN {dotted} ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN CAST({dotted} AS DOUBLE PRECISION) END)"
            ),
        }
    }
}

const LABELED: &str = "SELECT 1 FROM conversation_labels cl JOIN conversations v ON v.id = cl.conversation_id WHERE v.contact_id = c.id";

/// The WHERE clause (without `WHERE`) selecting the filter's contacts at `now_ms`; `first`
/// is the number of parameters already bound before it.
pub(crate) fn clause(
    filter: &SegmentFilter,
    now_ms: i64,
    dialect: Dialect,
    first: usize,
) -> Clause {
    let mut b = Builder {
        dialect,
        // Erased contacts are in no segment (`segment::matches`).
        parts: vec!["c.erased_at IS NULL".into()],
        args: Vec::new(),
    };
    // Placeholders continue after the caller's.
    b.args.extend((0..first).map(|_| Arg::Int(0)));
    let labels = &filter.labels;
    if !labels.any.is_empty() {
        let ids = b.ints(&labels.any);
        b.parts
            .push(format!("EXISTS ({LABELED} AND cl.label_id IN ({ids}))"));
    }
    for id in &labels.all {
        let p = b.arg(Arg::Int(*id));
        b.parts
            .push(format!("EXISTS ({LABELED} AND cl.label_id = {p})"));
    }
    if !labels.none.is_empty() {
        let ids = b.ints(&labels.none);
        b.parts
            .push(format!("NOT EXISTS ({LABELED} AND cl.label_id IN ({ids}))"));
    }
    for rule in &filter.attributes {
        let key = b.arg(Arg::Text(rule.key.clone()));
        let v = b.attribute(&key);
        let cond = match rule.op {
            AttributeOp::Present => format!("COALESCE(trim({v}), '') <> ''"),
            AttributeOp::Absent => format!("COALESCE(trim({v}), '') = ''"),
            AttributeOp::Equals => {
                let p = b.arg(Arg::Text(rule.value.to_lowercase()));
                format!("lower(trim({v})) = {p}")
            }
            AttributeOp::Contains => {
                let p = b.arg(Arg::Text(rule.value.clone()));
                b.contains(&v, &p)
            }
            AttributeOp::Before | AttributeOp::After => {
                // Compared as text: `YYYY-MM-DD` sorts as dates do.
                let day = date(&rule.value)
                    .map(app::domain::calendar::date_of)
                    .unwrap_or_default();
                let p = b.arg(Arg::Text(day));
                let op = if rule.op == AttributeOp::Before {
                    "<"
                } else {
                    ">"
                };
                format!("({} AND trim({v}) {op} {p})", b.is_date(&v))
            }
            AttributeOp::Above | AttributeOp::Below => {
                let n = app::domain::campaigns::segment::number(&rule.value).unwrap_or(0.0);
                let p = b.arg(Arg::Real(n));
                let op = if rule.op == AttributeOp::Above {
                    ">"
                } else {
                    "<"
                };
                format!("{} {op} {p}", b.as_number(&v))
            }
        };
        b.parts.push(cond);
    }
    if !filter.consent.is_empty() {
        let states = b.texts(filter.consent.iter().map(|c| c.as_str().to_string()));
        b.parts.push(format!("c.marketing IN ({states})"));
    }
    if !filter.countries.is_empty() {
        let codes = b.texts(filter.countries.iter().cloned());
        b.parts.push(format!("c.country IN ({codes})"));
    }
    match filter.last_message {
        Some(LastMessage::Within(d)) => {
            let p = b.arg(Arg::Int(since_ms(d, now_ms)));
            b.parts.push(format!("c.last_inbound_at >= {p}"));
        }
        Some(LastMessage::NotWithin(d)) => {
            let p = b.arg(Arg::Int(since_ms(d, now_ms)));
            b.parts.push(format!(
                "(c.last_inbound_at IS NULL OR c.last_inbound_at < {p})"
            ));
        }
        None => {}
    }
    if !filter.conversation.is_empty() {
        let any = "SELECT 1 FROM conversations v WHERE v.contact_id = c.id";
        let options: Vec<String> = filter
            .conversation
            .iter()
            .map(|s| match s {
                ConversationState::Bot => format!("EXISTS ({any} AND v.status = 'bot')"),
                ConversationState::Open => format!("EXISTS ({any} AND v.status = 'open')"),
                ConversationState::Snoozed => format!("EXISTS ({any} AND v.status = 'snoozed')"),
                ConversationState::Resolved => {
                    format!("(EXISTS ({any}) AND NOT EXISTS ({any} AND v.status <> 'resolved'))")
                }
                ConversationState::Never => format!("NOT EXISTS ({any})"),
            })
            .collect();
        b.parts.push(format!("({})", options.join(" OR ")));
    }
    if let Some(list) = filter.list {
        let id = b.arg(Arg::Int(list));
        b.parts.push(format!(
            "EXISTS (SELECT 1 FROM campaign_list_members m WHERE m.list_id = {id} AND m.contact_id = c.id)"
        ));
    }
    for p in &filter.previous {
        let id = b.arg(Arg::Int(p.campaign_id));
        let states = match p.outcome {
            CampaignOutcome::Received => "'delivered', 'read', 'replied'",
            CampaignOutcome::Read => "'read', 'replied'",
            CampaignOutcome::Replied => "'replied'",
            CampaignOutcome::NotRead => "'sent', 'delivered', 'failed', 'limited', 'opted_out'",
            CampaignOutcome::Limited => "'limited'",
        };
        b.parts.push(format!(
            "EXISTS (SELECT 1 FROM campaign_recipients r WHERE r.campaign_id = {id} AND r.contact_id = c.id AND r.state IN ({states}))"
        ));
    }
    Clause {
        sql: b.parts.join(" AND "),
        args: b.args.split_off(first),
    }
}

/// Binds a clause's arguments to a query, in order.
macro_rules! bind_args {
    ($query:expr, $args:expr) => {{
        let mut q = $query;
        for a in $args {
            q = match a {
                $crate::db::segment_sql::Arg::Int(v) => q.bind(*v),
                $crate::db::segment_sql::Arg::Text(v) => q.bind(v.clone()),
                $crate::db::segment_sql::Arg::Real(v) => q.bind(*v),
            };
        }
        q
    }};
}
pub(crate) use bind_args;

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::campaigns::segment::{AttributeRule, LabelRule};

    #[test]
    fn placeholders_follow_the_callers() {
        let f = SegmentFilter {
            labels: LabelRule {
                any: vec![3, 4],
                ..LabelRule::default()
            },
            attributes: vec![AttributeRule {
                key: "city".into(),
                op: AttributeOp::Equals,
                value: "Madrid".into(),
            }],
            ..SegmentFilter::default()
        };
        let c = clause(&f, 0, Dialect::Postgres, 2);
        assert!(c.sql.contains("IN ($3, $4)"), "{}", c.sql);
        assert!(
            c.sql.contains("->> $5") && c.sql.contains("= $6"),
            "{}",
            c.sql
        );
        assert_eq!(
            c.args,
            vec![
                Arg::Int(3),
                Arg::Int(4),
                Arg::Text("city".into()),
                Arg::Text("madrid".into())
            ]
        );
        assert_eq!(
            clause(&SegmentFilter::default(), 0, Dialect::Sqlite, 0).sql,
            "c.erased_at IS NULL"
        );
    }
}
