//! `interdoc init`: a minimal five-locale site that builds as it is.

use std::io;
use std::path::Path;

/// (locale, home page) of the scaffold.
const HOMES: &[(&str, &str)] = &[
    (
        "en",
        "---\ntitle: Welcome\ndescription: The home page of a new interdoc site.\n---\n\n# Welcome\n\nThis site was created with `interdoc init`. Edit `content/en/index.md`, then run `interdoc build`.\n\n> [!TIP]\n> Topics in `content/en/` that have no translation yet still appear in every locale, marked as untranslated.\n",
    ),
    (
        "fr",
        "---\ntitle: Bienvenue\ndescription: La page d’accueil d’un nouveau site interdoc.\n---\n\n# Bienvenue\n\nCe site a été créé avec `interdoc init`. Modifiez `content/fr/index.md`, puis lancez `interdoc build`.\n",
    ),
    (
        "ko",
        "---\ntitle: 환영합니다\ndescription: 새 interdoc 사이트의 홈 페이지입니다.\n---\n\n# 환영합니다\n\n이 사이트는 `interdoc init`으로 만들었습니다. `content/ko/index.md`를 수정한 다음 `interdoc build`를 실행하십시오.\n",
    ),
    (
        "pt-BR",
        "---\ntitle: Boas-vindas\ndescription: A página inicial de um novo site interdoc.\n---\n\n# Boas-vindas\n\nEste site foi criado com `interdoc init`. Edite `content/pt-BR/index.md` e execute `interdoc build`.\n",
    ),
    (
        "zh-TW",
        "---\ntitle: 歡迎\ndescription: 新 interdoc 網站的首頁。\n---\n\n# 歡迎\n\n這個網站是以 `interdoc init` 建立的。請編輯 `content/zh-TW/index.md`，然後執行 `interdoc build`。\n",
    ),
];

const SITE_TOML: &str = "# interdoc site configuration; every key is optional.\ntitle = \"Documentation\"\n# base_url = \"https://example.org/docs/\"\ndefault_locale = \"en\"\nlocales = [\"en\", \"fr\", \"ko\", \"pt-BR\", \"zh-TW\"]\n";

const GITIGNORE: &str = "/public/\n/.interdoc-cache/\n";

/// Creates the scaffold in `dir`; refuses to touch a folder that already has
/// `content/` or `site.toml`.
pub fn init(dir: &Path) -> io::Result<()> {
    for existing in ["content", "site.toml"] {
        if dir.join(existing).exists() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{} already exists; not overwriting it",
                    dir.join(existing).display()
                ),
            ));
        }
    }
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("site.toml"), SITE_TOML)?;
    if !dir.join(".gitignore").exists() {
        std::fs::write(dir.join(".gitignore"), GITIGNORE)?;
    }
    for (locale, text) in HOMES {
        let folder = dir.join("content").join(locale);
        std::fs::create_dir_all(&folder)?;
        std::fs::write(folder.join("index.md"), text)?;
    }
    Ok(())
}
