//! Xrefs: `<xref:uid>`, `[text](xref:uid)`, `<a href="xref:uid">`, `@uid` and
//! `@"uid?options"`. A uid names a topic of this site (its front matter `uid`)
//! or else an entry of the site's DocFX xref maps. DocFX's options after `?`:
//! `displayProperty` (`name`, `nameWithType`, `fullName`) or `text` give the
//! link text of an xref written without any, `title` the link's tooltip,
//! `alt` and `altProperty` the text shown for a map entry without a URL.
//!
//! An xref that names nothing is shown as code, not as a link, and warned
//! about. DocFX docsets name many uids of other docsets (the .NET API), so that
//! warning fails `build --strict` only when the site says `[xref] strict = true`.

use super::{Ctx, Found, Problem, did_you_mean, percent_decode};
use crate::index::PageRef;
use crate::markdown::{LinkAction, LinkSite};
use crate::paths;
use crate::xrefmap::{Entry, Target, near_uids};

/// An xref destination as DocFX writes it: `uid?option=value&...#fragment`.
#[derive(Debug, Default, PartialEq, Eq)]
struct Dest {
    /// Percent-decoded: `Marshal.PtrToStringUTF8%2A` names the overload group
    /// `Marshal.PtrToStringUTF8*`, as the maps spell it.
    uid: String,
    /// As written: it goes into a URL again.
    fragment: String,
    display_property: Option<String>,
    alt_property: Option<String>,
    text: Option<String>,
    alt: Option<String>,
    title: Option<String>,
}

impl Dest {
    fn parse(dest: &str) -> Dest {
        let (rest, fragment) = dest.split_once('#').unwrap_or((dest, ""));
        let (uid, query) = rest.split_once('?').unwrap_or((rest, ""));
        let mut out = Dest {
            uid: percent_decode(uid),
            fragment: fragment.to_string(),
            ..Dest::default()
        };
        for pair in query.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            // A query value: `+` is a space (`title=String+Class`).
            let value = Some(percent_decode(&value.replace('+', " "))).filter(|v| !v.is_empty());
            match key.to_ascii_lowercase().as_str() {
                "displayproperty" => out.display_property = value,
                "altproperty" => out.alt_property = value,
                "text" => out.text = value,
                "alt" => out.alt = value,
                "title" => out.title = value,
                // Other options do not change what is linked or shown.
                _ => {}
            }
        }
        out
    }
}

impl Ctx<'_> {
    pub(super) fn xref(
        &self,
        page: &PageRef,
        link: &LinkSite,
        dest: &str,
    ) -> Result<Found, Problem> {
        let dest = Dest::parse(dest);
        // Text the author wrote wins over any the xref would give.
        let own_text =
            Some(link.text.trim()).filter(|t| !(t.is_empty() || link.autolink || link.shorthand));
        let mut found = if let Some(topic) = self.index.uids.get(&dest.uid) {
            let mut found = self.to_topic(page, topic, &dest.fragment, true)?;
            if own_text.is_none()
                && let LinkAction::Href(href) = &found.action
                && let Some(to) = self.index.page(topic, page.locale)
            {
                let text = dest
                    .text
                    .clone()
                    .unwrap_or_else(|| self.index.titles[to.source].clone());
                found.action = LinkAction::HrefText(href.clone(), text);
            }
            found
        } else if let Some(entry) = self.xrefs.get(&dest.uid) {
            external(page, &dest, entry, own_text).into()
        } else if link.shorthand {
            // An `@word` that names no uid was not meant as a link.
            return Ok(LinkAction::Unlink.into());
        } else {
            return Ok(self.unresolved(&dest, own_text));
        };
        if let Some(title) = dest.title {
            found.action = titled(found.action, title);
        }
        Ok(found)
    }

    /// Shown as code, with a warning that `--strict` counts only when the
    /// site asks for it.
    fn unresolved(&self, dest: &Dest, own_text: Option<&str>) -> Found {
        let uid = dest.uid.as_str();
        let shown = own_text
            .map(str::to_string)
            .or_else(|| dest.alt.clone())
            .unwrap_or_else(|| uid.to_string());
        let site_uids = near_uids(&self.index.uids, uid);
        let hint = did_you_mean(uid, site_uids.chain(self.xrefs.near(uid))).or_else(|| {
            self.site.xref.maps.is_empty().then(|| {
                "uids of other docsets resolve through DocFX xref maps: `[xref] maps = [\"xrefmap.yml\"]` in site.toml".to_string()
            })
        });
        Found {
            action: LinkAction::Code(shown),
            warning: Some(Problem {
                message: format!(
                    "unknown xref `{uid}`: no topic or xref map has this uid, so it is shown as text"
                ),
                hint,
                exempt_from_strict: !self.site.xref.strict,
            }),
            to_fallback: false,
        }
    }
}

/// A link to a map entry, or its text when the map gives no URL for it.
fn external(page: &PageRef, dest: &Dest, entry: &Entry, own_text: Option<&str>) -> LinkAction {
    let Some(target) = &entry.href else {
        // Named by the map but published nowhere: DocFX shows its alt text.
        let text = own_text
            .map(str::to_string)
            .or_else(|| dest.alt.clone())
            .or_else(|| {
                entry
                    .display(dest.alt_property.as_deref())
                    .map(String::from)
            })
            .unwrap_or_else(|| dest.uid.clone());
        return LinkAction::Code(text);
    };
    let mut href = match target {
        Target::Url(url) => url.clone(),
        Target::Output(path) => {
            let (path, suffix) = path.split_at(path.find(['?', '#']).unwrap_or(path.len()));
            paths::relative_path(&page.out_path, path) + suffix
        }
    };
    if !dest.fragment.is_empty() {
        href.truncate(href.find('#').unwrap_or(href.len()));
        href.push('#');
        href.push_str(&dest.fragment);
    }
    if own_text.is_some() {
        return LinkAction::Href(href);
    }
    let text = dest
        .text
        .clone()
        .or_else(|| {
            entry
                .display(dest.display_property.as_deref())
                .map(String::from)
        })
        .unwrap_or_else(|| dest.uid.clone());
    LinkAction::HrefText(href, text)
}

/// The same link with a tooltip (`?title=`).
fn titled(action: LinkAction, title: String) -> LinkAction {
    match action {
        LinkAction::Href(href) => LinkAction::Titled {
            href,
            text: None,
            title,
        },
        LinkAction::HrefText(href, text) => LinkAction::Titled {
            href,
            text: Some(text),
            title,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_and_options() {
        assert_eq!(
            Dest::parse("System.String"),
            Dest {
                uid: "System.String".into(),
                ..Dest::default()
            }
        );
        assert_eq!(
            Dest::parse("System.Runtime.InteropServices.Marshal.PtrToStringUTF8%2A").uid,
            "System.Runtime.InteropServices.Marshal.PtrToStringUTF8*"
        );
        let d =
            Dest::parse("System.String?displayProperty=nameWithType&title=String+Class%21#remarks");
        assert_eq!(d.uid, "System.String");
        assert_eq!(d.display_property.as_deref(), Some("nameWithType"));
        assert_eq!(d.title.as_deref(), Some("String Class!"));
        assert_eq!(d.fragment, "remarks");
        let d = Dest::parse("A?TEXT=string&alt=&altProperty=fullName&unknown=1&&=");
        assert_eq!(d.text.as_deref(), Some("string"));
        assert_eq!(d.alt, None);
        assert_eq!(d.alt_property.as_deref(), Some("fullName"));
        assert_eq!(Dest::parse("").uid, "");
        // DocFX writes a constructor's `#` encoded, as a raw one starts the fragment.
        let d = Dest::parse("System.String.%23ctor%2A#remarks");
        assert_eq!(
            (d.uid.as_str(), d.fragment.as_str()),
            ("System.String.#ctor*", "remarks")
        );
    }

    #[test]
    fn titles_keep_the_destination_and_text() {
        assert_eq!(
            titled(LinkAction::HrefText("a".into(), "A".into()), "t".into()),
            LinkAction::Titled {
                href: "a".into(),
                text: Some("A".into()),
                title: "t".into()
            }
        );
        assert_eq!(
            titled(LinkAction::Code("x".into()), "t".into()),
            LinkAction::Code("x".into())
        );
    }
}
