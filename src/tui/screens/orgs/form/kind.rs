//! The forms of a change of kind and of the register's root (the city
//! committee, founded in an empty register).

use super::*;

impl Form {
    /// Change the kind of `node` (under a parent of kind `parent`): the kinds
    /// that may stand there, its own left out. None when there is none.
    pub fn kind_change(node: &WindowRow, parent: Option<OrgKind>, version: Option<u64>, today: NaiveDate) -> Option<Form> {
        let parent = parent?;
        let kinds: Vec<OrgKind> = OrgKind::ALL
            .into_iter()
            .filter(|k| *k != node.kind && *k != OrgKind::City && parent.allows_child(*k))
            .collect();
        if kinds.is_empty() {
            return None;
        }
        let fields = vec![
            (FieldId::Kind, TextInput::default()),
            (FieldId::Date, TextInput::new(&i18n::date(today))),
            (FieldId::Decision, TextInput::default()),
        ];
        let mut f = Form::new(FormKind::Kind, node, version, fields);
        f.kinds = kinds;
        Some(f)
    }

    /// Found the city committee: name, code, members, date, founding decision and its date.
    pub fn root(today: NaiveDate) -> Form {
        let fields = vec![
            (FieldId::Name, TextInput::default()),
            (FieldId::Code, TextInput::new("TP")),
            (FieldId::Members, TextInput::new("0")),
            (FieldId::Date, TextInput::new(&i18n::date(today))),
            (FieldId::Decision, TextInput::default()),
            (FieldId::FoundingDate, TextInput::default()),
        ];
        Form {
            kind: FormKind::Root,
            code: "-".into(),
            name: String::new(),
            version: None,
            kinds: vec![OrgKind::City],
            kind_idx: 0,
            fields,
            focus: 0,
            error: None,
            candidates: Vec::new(),
            pick: 0,
        }
    }
}
