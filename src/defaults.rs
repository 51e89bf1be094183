//! The default theme, compiled into the binary so any folder with a `content/`
//! builds. They are the repository's own `templates/`, `locales/` and `static/`
//! files; a site's files of the same name replace them.

/// Prefix used in diagnostics for embedded files.
pub const EMBEDDED: &str = "<embedded>";

/// (name, text) of each default template.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("topic.html", include_str!("../templates/topic.html")),
    ("home.html", include_str!("../templates/home.html")),
    ("sidebar.html", include_str!("../templates/sidebar.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("keywords.html", include_str!("../templates/keywords.html")),
    (
        "translation-status.html",
        include_str!("../templates/translation-status.html"),
    ),
];

/// (locale, file name, text) of each default Fluent file.
pub const FTL: &[(&str, &str, &str)] = &[
    ("en", "ui.ftl", include_str!("../locales/en/ui.ftl")),
    ("fr", "ui.ftl", include_str!("../locales/fr/ui.ftl")),
    ("ko", "ui.ftl", include_str!("../locales/ko/ui.ftl")),
    ("pt-BR", "ui.ftl", include_str!("../locales/pt-BR/ui.ftl")),
    ("zh-TW", "ui.ftl", include_str!("../locales/zh-TW/ui.ftl")),
];

/// (path under static/, bytes) of each default static file.
pub const STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../static/style.css")),
    ("interdoc.js", include_bytes!("../static/interdoc.js")),
    ("search.js", include_bytes!("../static/search.js")),
    (
        "search-engine.js",
        include_bytes!("../static/search-engine.js"),
    ),
];
