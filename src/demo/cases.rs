//! Demo case files: about one per organisation (≈20,000 at hanoi scale,
//! ≈60,000 at large), opened 2019 to November 2026, most concluded, some
//! overdue. Discipline decisions are placed so that they agree with the
//! demo classifications (members disciplined only where the KHT tallies
//! leave room; organisations only under a parent rated HT or lower, one per
//! parent), except a few planted ones per year from 2023 that the
//! classification checks find (QĐ 124 / QĐ 366).

use super::rng::{chance, date_in, pick, range, weighted, ymd, R};
use crate::domain::case::{Case, CaseKind, CaseStatus, Discipline, Form, Person, StatusChange, Subject};
use crate::domain::tree::Tree;
use crate::domain::{Classification, IdMap, Level, OrgId, OrgKind};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use std::collections::BTreeMap;

/// Cases are dated up to here (the demo's "today" for statuses).
const LAST: (i32, u32, u32) = (2026, 11, 20);

const SURNAMES: [&str; 14] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan",
];
const MIDDLE: [&str; 10] = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quang", "Thu", "Ngọc", "Xuân"];
const GIVEN: [&str; 20] = [
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh", "Lan", "Long", "Mai", "Nam", "Phúc", "Quân",
    "Sơn", "Thảo", "Tuấn",
];
const ISSUES: [&str; 12] = [
    "quản lý, sử dụng đất đai",
    "xây dựng trái phép",
    "thu chi tài chính",
    "giải phóng mặt bằng",
    "bồi thường, hỗ trợ tái định cư",
    "kê khai tài sản, thu nhập",
    "đầu tư công",
    "đấu thầu mua sắm",
    "quản lý trật tự đô thị",
    "công tác cán bộ",
    "thực hiện quy chế dân chủ ở cơ sở",
    "quản lý quỹ đóng góp của nhân dân",
];
const TOPICS: [&str; 8] = [
    "việc thực hiện nhiệm vụ kiểm tra, giám sát",
    "việc lãnh đạo, chỉ đạo công tác phòng, chống tham nhũng, lãng phí",
    "việc thực hiện Chỉ thị 05-CT/TW về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "việc thực hiện nguyên tắc tập trung dân chủ",
    "việc chấp hành nghị quyết của cấp ủy cấp trên",
    "công tác phát triển đảng viên",
    "việc thu, nộp, quản lý và sử dụng đảng phí",
    "việc lãnh đạo công tác quản lý đất đai, trật tự xây dựng",
];

fn day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn person_name(rng: &mut R) -> String {
    format!("{} {} {}", pick(rng, &SURNAMES), pick(rng, &MIDDLE), pick(rng, &GIVEN))
}

/// "Quận ủy Ba Đình" → "quận Ba Đình", for the place field.
fn place_of(name: &str) -> String {
    for (prefix, word) in [
        ("Quận ủy ", "quận "),
        ("Huyện ủy ", "huyện "),
        ("Thị ủy ", "thị xã "),
        ("Đảng ủy phường ", "phường "),
        ("Đảng ủy xã ", "xã "),
        ("Đảng bộ phường ", "phường "),
        ("Đảng bộ xã ", "xã "),
        ("Chi bộ ", ""),
        ("Đảng bộ ", ""),
        ("Đảng ủy ", ""),
    ] {
        if let Some(rest) = name.strip_prefix(prefix) {
            return format!("{word}{rest}");
        }
    }
    name.to_string()
}

/// What the generator knows about one year: its tree and classifications.
struct Year<'a> {
    tree: &'a Tree,
    classes: IdMap<&'a Classification>,
    /// Members that may still be disciplined without a KHT tally falling short.
    room: IdMap<u32>,
    /// Parents that already have a disciplined subordinate organisation.
    parents_used: Vec<OrgId>,
    nodes: Vec<OrgId>,
}

impl<'a> Year<'a> {
    fn new(tree: &'a Tree, classes: &'a [Classification], year: i32) -> Year<'a> {
        let classes: IdMap<&Classification> = classes.iter().filter(|c| c.year == year).map(|c| (c.org, c)).collect();
        let room = classes.iter().filter_map(|(id, c)| Some((*id, c.members.as_ref()?.kht))).collect();
        let nodes = tree.nodes().filter(|n| n.parent.is_some()).map(|n| n.id).collect();
        Year {
            tree,
            classes,
            room,
            parents_used: Vec::new(),
            nodes,
        }
    }

    fn level(&self, id: OrgId) -> Option<Level> {
        self.classes.get(&id).map(|c| c.level)
    }

    /// Whether a member of `id` can be disciplined without a finding; if so, book it.
    fn book_member(&mut self, id: OrgId) -> bool {
        let chain: Vec<OrgId> = std::iter::once(id).chain(self.tree.ancestors(id)).collect();
        let ok = chain
            .iter()
            .all(|a| self.classes.get(a).is_none_or(|c| c.members.is_none()) || self.room.get(a).copied().unwrap_or(0) > 0);
        if ok {
            for a in chain {
                if let Some(r) = self.room.get_mut(&a) {
                    *r = r.saturating_sub(1);
                }
            }
        }
        ok
    }

    /// Whether `id` (an organisation) can be disciplined without a finding; if so, book it.
    fn book_org(&mut self, id: OrgId) -> bool {
        let Some(parent) = self.tree.node(id).and_then(|n| n.parent) else {
            return false;
        };
        let siblings = self.tree.node(parent).map(|n| n.children.len()).unwrap_or(0);
        let ok = siblings >= 5
            && !self.parents_used.contains(&parent)
            && !self.level(parent).is_some_and(|l| l.good_or_better())
            && self.tree.node(parent).is_some_and(|n| n.kind != OrgKind::City);
        if ok {
            self.parents_used.push(parent);
        }
        ok
    }
}

pub fn generate(trees: &BTreeMap<i32, Tree>, classes: &[Classification], orgs: usize, rng: &mut R, now: DateTime<Utc>) -> Vec<Case> {
    let last = ymd(LAST.0, LAST.1, LAST.2);
    let years: Vec<i32> = (2019..=LAST.0).collect();
    let total = orgs * 20 / 21;
    let mut out = Vec::with_capacity(total);
    let mut ctx: BTreeMap<i32, Year> = years.iter().map(|y| (*y, Year::new(&trees[y], classes, *y))).collect();
    let kinds = [
        (CaseKind::Inspection, 25.0),
        (CaseKind::Supervision, 25.0),
        (CaseKind::InspectionViolation, 8.0),
        (CaseKind::Discipline, 12.0),
        (CaseKind::Complaint, 9.0),
        (CaseKind::DisciplineAppeal, 2.0),
        (CaseKind::Denunciation, 13.0),
        (CaseKind::WeakOrganisation, 3.0),
        (CaseKind::HotSpot, 3.0),
    ];
    let weights: Vec<f64> = kinds.iter().map(|k| k.1).collect();
    for n in 0..total {
        let year = years[n % years.len()];
        let y = ctx.get_mut(&year).expect("year");
        if y.nodes.is_empty() {
            continue;
        }
        let tree = y.tree;
        let org = *pick(rng, &y.nodes);
        let node = tree.node(org).expect("in tree");
        let kind = kinds[weighted(rng, &weights)].0;
        let end = ymd(year, 12, 31).min(last);
        let opened = date_in(rng, ymd(year, 1, 2), end);
        let due = opened + Days::new(range(rng, 30, 120) as u64);
        let place = place_of(
            &tree
                .top_unit(org)
                .and_then(|t| tree.node(t))
                .map(|t| t.name.clone())
                .unwrap_or_default(),
        );
        let mut persons = Vec::new();
        let who = person_name(rng);
        let issue = *pick(rng, &ISSUES);
        let (title, source) = match kind {
            CaseKind::Inspection => (
                format!("Kiểm tra {} năm {year}", pick(rng, &TOPICS)),
                format!("Kế hoạch {}-KH/UBKT", range(rng, 1, 60)),
            ),
            CaseKind::Supervision => (
                format!("Giám sát chuyên đề {}", pick(rng, &TOPICS)),
                format!("Kế hoạch {}-KH/UBKT", range(rng, 1, 60)),
            ),
            CaseKind::InspectionViolation => {
                persons.push(who.clone());
                (
                    format!("Kiểm tra khi có dấu hiệu vi phạm đối với đồng chí {who} về {issue}"),
                    format!("Quyết định {}-QĐ/UBKT", range(rng, 1, 300)),
                )
            }
            CaseKind::Discipline => {
                persons.push(who.clone());
                (
                    format!("Xem xét, thi hành kỷ luật đồng chí {who} do vi phạm về {issue}"),
                    format!("Tờ trình {}-TTr/UBKT", range(rng, 1, 300)),
                )
            }
            CaseKind::Complaint => {
                let by = person_name(rng);
                persons.push(who.clone());
                (
                    format!("Đơn khiếu nại của ông (bà) {by} về {issue}"),
                    format!("Đơn đề ngày {}", day(opened - Days::new(range(rng, 3, 20) as u64))),
                )
            }
            CaseKind::DisciplineAppeal => {
                persons.push(who.clone());
                (
                    format!("Khiếu nại kỷ luật của đồng chí {who}"),
                    format!("Đơn khiếu nại đề ngày {}", day(opened - Days::new(range(rng, 3, 30) as u64))),
                )
            }
            CaseKind::Denunciation => {
                persons.push(who.clone());
                (
                    format!("Đơn tố cáo đồng chí {who} về {issue}"),
                    format!("Đơn tố cáo đề ngày {}", day(opened - Days::new(range(rng, 3, 20) as u64))),
                )
            }
            CaseKind::WeakOrganisation => (
                format!("Củng cố, kiện toàn {} yếu kém", node.name),
                format!("Nghị quyết {}-NQ/TU", range(rng, 1, 50)),
            ),
            CaseKind::HotSpot => (
                format!("Điểm nóng: đông người khiếu kiện về {issue} tại {place}"),
                format!("Báo cáo {}-BC/UBND", range(rng, 1, 400)),
            ),
        };
        let probationary = chance(rng, 0.05);
        let persons: Vec<Person> = persons
            .into_iter()
            .map(|name| Person {
                name,
                probationary,
                leadership: false,
                org: None,
            })
            .collect();
        // Status: cases past their due date are mostly concluded, some overdue.
        let past = due < last;
        let status = if past {
            if chance(rng, 0.96) {
                CaseStatus::Concluded
            } else {
                CaseStatus::InProgress
            }
        } else {
            match weighted(rng, &[0.3, 0.5, 0.2]) {
                0 => CaseStatus::Received,
                1 => CaseStatus::InProgress,
                _ => CaseStatus::Concluded,
            }
        };
        let mut history = vec![StatusChange {
            status: CaseStatus::Received,
            on: opened,
            recorded: now,
            by: "demo".into(),
        }];
        let started = (opened + Days::new(range(rng, 2, 10) as u64)).min(last);
        if status != CaseStatus::Received {
            history.push(StatusChange {
                status: CaseStatus::InProgress,
                on: started,
                recorded: now,
                by: "demo".into(),
            });
        }
        let concluded = date_in(rng, started, due.min(last));
        let mut c = Case {
            id: out.len() as u64 + 1,
            kind,
            org,
            persons,
            title,
            summary: None,
            place: Some(place),
            source: Some(source),
            handler: Some(if node.kind == OrgKind::Cell || node.kind.is_grassroots() {
                "Ủy ban Kiểm tra cấp trên trực tiếp".to_string()
            } else {
                "Ủy ban Kiểm tra Thành ủy".to_string()
            }),
            opened,
            due: Some(due),
            status,
            history,
            outcome: None,
            discipline: None,
            decision: None,
            decided: None,
            version: 1,
        };
        if status == CaseStatus::Concluded {
            c.history.push(StatusChange {
                status: CaseStatus::Concluded,
                on: concluded,
                recorded: now,
                by: "demo".into(),
            });
            c.decided = Some(concluded);
            c.decision = Some(format!("{}-QĐ/UBKT", range(rng, 1, 500)));
            c.outcome = Some(
                match kind {
                    CaseKind::Inspection | CaseKind::Supervision => *pick(
                        rng,
                        &[
                            "Thực hiện tốt, có một số hạn chế cần khắc phục",
                            "Chưa đầy đủ; yêu cầu kiểm điểm, rút kinh nghiệm",
                        ],
                    ),
                    CaseKind::Denunciation | CaseKind::Complaint => *pick(
                        rng,
                        &["Tố cáo, khiếu nại đúng một phần", "Không có cơ sở", "Đúng; chuyển xem xét kỷ luật"],
                    ),
                    _ => *pick(
                        rng,
                        &["Có vi phạm", "Có vi phạm, chưa đến mức kỷ luật", "Kiểm điểm, rút kinh nghiệm"],
                    ),
                }
                .to_string(),
            );
            if kind == CaseKind::Discipline && chance(rng, 0.8) {
                let form = if probationary {
                    *pick(rng, &[Form::KhienTrach, Form::CanhCao])
                } else {
                    *pick(
                        rng,
                        &[Form::KhienTrach, Form::KhienTrach, Form::CanhCao, Form::CachChuc, Form::KhaiTru],
                    )
                };
                let dy = concluded.year();
                let free = dy < 2023 || ctx.get_mut(&dy).is_some_and(|y| y.book_member(org));
                if free {
                    c.discipline = Some(Discipline {
                        subject: Subject::Member,
                        form,
                        person: c.persons.first().map(|p| p.name.clone()),
                        effective: concluded,
                        self_remedied: false,
                        violation: None,
                    });
                } else {
                    c.outcome = Some("Có vi phạm, chưa đến mức kỷ luật".into());
                }
            } else if kind == CaseKind::InspectionViolation
                && chance(rng, 0.05)
                && (concluded.year() < 2023 || ctx.get_mut(&concluded.year()).is_some_and(|y| y.book_org(org)))
            {
                c.discipline = Some(Discipline {
                    subject: Subject::Organisation,
                    form: *pick(rng, &[Form::KhienTrach, Form::CanhCao]),
                    person: None,
                    effective: concluded,
                    self_remedied: false,
                    violation: None,
                });
                c.title = format!("Kiểm tra khi có dấu hiệu vi phạm đối với {}", node.name);
                c.persons.clear();
            }
        }
        out.push(c);
    }
    plant(&mut out, &ctx, rng, now);
    out
}

/// A few disciplines per checked year that the classification checks find.
fn plant(out: &mut Vec<Case>, ctx: &BTreeMap<i32, Year>, rng: &mut R, now: DateTime<Utc>) {
    for year in [2023, 2024, 2025] {
        let Some(y) = ctx.get(&year) else { continue };
        // Organisations rated HTT with at least one child: a leadership member disciplined.
        let mut good: Vec<OrgId> = y
            .classes
            .iter()
            .filter(|(id, c)| c.level == Level::Htt && y.tree.node(**id).is_some_and(|n| !n.children.is_empty()))
            .map(|(id, _)| *id)
            .collect();
        good.sort_unstable();
        for _ in 0..3 {
            if good.is_empty() {
                break;
            }
            let org = *pick(rng, &good);
            let name = person_name(rng);
            let opened = date_in(rng, ymd(year, 2, 1), ymd(year, 8, 31));
            let decided = opened + Days::new(range(rng, 20, 60) as u64);
            let node = y.tree.node(org).expect("in tree");
            out.push(Case {
                id: out.len() as u64 + 1,
                kind: CaseKind::Discipline,
                org,
                persons: vec![Person {
                    name: name.clone(),
                    probationary: false,
                    leadership: true,
                    org: None,
                }],
                title: format!("Xem xét, thi hành kỷ luật đồng chí {name}, cấp ủy viên {}", node.name),
                summary: Some("Vi phạm quy định về những điều đảng viên không được làm".into()),
                place: Some(place_of(&node.name)),
                source: Some(format!("Tờ trình {}-TTr/UBKT", range(rng, 1, 300))),
                handler: Some("Ủy ban Kiểm tra Thành ủy".into()),
                opened,
                due: Some(opened + Days::new(90)),
                status: CaseStatus::Concluded,
                history: vec![
                    StatusChange {
                        status: CaseStatus::Received,
                        on: opened,
                        recorded: now,
                        by: "demo".into(),
                    },
                    StatusChange {
                        status: CaseStatus::Concluded,
                        on: decided,
                        recorded: now,
                        by: "demo".into(),
                    },
                ],
                outcome: Some("Có vi phạm; thi hành kỷ luật".into()),
                discipline: Some(Discipline {
                    subject: Subject::Member,
                    form: Form::CanhCao,
                    person: Some(name),
                    effective: decided,
                    self_remedied: false,
                    violation: Some(format!("VP-{year}-{}", out.len())),
                }),
                decision: Some(format!("{}-QĐ/UBKT", range(rng, 1, 500))),
                decided: Some(decided),
                version: 1,
            });
        }
    }
}
