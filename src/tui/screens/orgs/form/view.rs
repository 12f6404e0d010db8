//! Drawing a register form: its fields, the target's candidates, the
//! reason of a refusal, and its keys from the keymap.

use super::*;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Clear, Widget};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

impl Form {
    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let th = &ctx.theme;
        let width = area.width.saturating_sub(2).min(76);
        // Room for the target's candidates, fixed so the form does not jump while typing.
        let has_target = self.fields.iter().any(|(id, _)| matches!(id, FieldId::NewParent | FieldId::Into));
        let lines = self.fields.len() as u16 + 6 + if has_target { CANDIDATES as u16 + 1 } else { 0 };
        let height = (lines + 2).min(area.height);
        let rect = Rect::new(
            area.x + (area.width - width) / 2,
            area.y + area.height.saturating_sub(height) / 2,
            width,
            height,
        );
        Clear.render(rect, f.buffer_mut());
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(th.border())
            .title(format!(" {} ", ctx.t(self.title())))
            .title_style(th.title());
        let inner = block.inner(rect);
        block.render(rect, f.buffer_mut());
        let buf = f.buffer_mut();
        let w = inner.width as usize;
        let mut y = inner.y;
        let head = match self.kind {
            FormKind::Add => format!("{}: {} {}", ctx.t(T::FieldParent), self.code, self.name),
            FormKind::Root => format!("{}: {}", ctx.t(T::FieldKind), i18n::kind_name(ctx.lang, OrgKind::City)),
            FormKind::Dissolve => i18n::dissolve_confirm(ctx.lang, &self.code, &self.name),
            _ => format!("{} {}", self.code, self.name),
        };
        buf.set_stringn(
            inner.x,
            y,
            crate::tui::screens::fit(&head, w),
            w,
            th.base().add_modifier(Modifier::BOLD),
        );
        y += 2;
        let label_w = self
            .fields
            .iter()
            .map(|(id, _)| ctx.t(id.label()).width())
            .max()
            .unwrap_or(0)
            .min(w / 2)
            + 2;
        let mut cursor = None;
        for (i, (id, input)) in self.fields.iter().enumerate() {
            if y >= inner.bottom() {
                break;
            }
            let focused = i == self.focus;
            let marker = if focused { "›" } else { " " };
            buf.set_stringn(inner.x, y, marker, 1, th.key());
            buf.set_stringn(
                inner.x + 1,
                y,
                crate::tui::screens::fit(ctx.t(id.label()), label_w - 2),
                label_w - 1,
                th.label(),
            );
            let field = Rect::new(inner.x + label_w as u16, y, inner.width.saturating_sub(label_w as u16), 1);
            let style = if focused {
                th.base().add_modifier(Modifier::UNDERLINED)
            } else {
                th.base()
            };
            if *id == FieldId::Kind {
                let k = self
                    .selected_kind()
                    .map(|k| format!("◂ {} ({}) ▸", i18n::kind_name(ctx.lang, k), k.tag()))
                    .unwrap_or_default();
                buf.set_stringn(
                    field.x,
                    y,
                    crate::tui::screens::fit(&k, field.width as usize),
                    field.width as usize,
                    style,
                );
            } else {
                buf.set_style(field, style);
                let pos = input.render(buf, field, style);
                if focused {
                    cursor = Some(pos);
                }
            }
            y += 1;
        }
        // What the target field stands for: the organisations it may mean,
        // the one Enter takes marked (↑/↓ choose).
        let typed = self
            .fields
            .iter()
            .find(|(id, _)| matches!(id, FieldId::NewParent | FieldId::Into))
            .map(|(_, i)| i.text())
            .filter(|t| !t.trim().is_empty());
        if typed.is_some() {
            y += 1;
            let x = inner.x + label_w as u16;
            let room = w.saturating_sub(label_w);
            if self.candidates.is_empty() && y < inner.bottom() {
                let text = format!("✗ {}", ctx.t(T::TargetNoMatch));
                buf.set_stringn(x, y, crate::tui::screens::fit(&text, room), room, th.error());
            }
            for (i, (code, name, kind)) in self.candidates.iter().enumerate() {
                if y >= inner.bottom().saturating_sub(3) {
                    break;
                }
                let (mark, style) = if i == self.pick { ("→", th.ok()) } else { (" ", th.dim()) };
                let text = format!("{mark} {code}  {name} ({})", kind.tag());
                buf.set_stringn(x, y, crate::tui::screens::fit(&text, room), room, style);
                y += 1;
            }
        }
        if let Some(err) = &self.error {
            let ey = inner.bottom().saturating_sub(3);
            let area = Rect::new(inner.x, ey, inner.width, 2.min(inner.height));
            ratatui::widgets::Paragraph::new(format!("✗ {err}"))
                .style(th.error())
                .wrap(ratatui::widgets::Wrap { trim: true })
                .render(area, buf);
        }
        let keys = self.keys_line(ctx);
        buf.set_stringn(
            inner.x,
            inner.bottom().saturating_sub(1),
            crate::tui::screens::fit(&keys, w),
            w,
            th.dim(),
        );
        if let Some(p) = cursor {
            f.set_cursor_position(Position::new(p.x, p.y));
        }
    }

    /// The keys line at the bottom of the form, from the keymap: the field's
    /// own keys (choose a kind or a target), then the form's.
    fn keys_line(&self, ctx: &Ctx) -> String {
        let km = &ctx.keymap;
        let pair = |a: Action, b: Action| match (km.reaching(Layer::Form, a), km.reaching(Layer::Form, b)) {
            (Some(x), Some(y)) => format!("{x}/{y} "),
            _ => String::new(),
        };
        let own = if self.on_target() {
            format!("{}{} · ", pair(Action::FormUp, Action::FormDown), ctx.t(T::HintChooseOrg))
        } else if self.focused() == FieldId::Kind {
            format!("{}{} · ", pair(Action::FormKindPrev, Action::FormKindNext), ctx.t(T::HintKind))
        } else {
            String::new()
        };
        format!("{own}{}", km.hint_line(Layer::Form, ctx.lang))
    }
}
