# Interface strings of the interdoc theme.
# Every message here must exist in every locale (a test checks the ids,
# the variables and the plural selectors).

## The locale itself

# The language's own name for itself, shown in the language switcher.
locale-name = Français

## Page chrome

skip-to-content = Aller au contenu
site-nav-label = Documentation
nav-toggle = Menu
nav-home = Accueil
lang-switcher-label = Langue
lang-switcher-untranslated = (traduction à venir)
on-this-page = Sur cette page
heading-anchor-label = Lien vers cette section
footer-generated = Généré avec interdoc.

## Search

search-label = Rechercher dans la documentation
search-placeholder = Rechercher
# $query: what the reader typed.
search-no-results = Aucun résultat pour « { $query } ».
# $count: how many pages match (never 0).
search-result-count =
    { $count ->
        [one] { $count } page correspond.
       *[other] { $count } pages correspondent.
    }
# Marks a result that is a page not yet translated into this locale.
search-untranslated = Pas encore traduite
search-unavailable = La recherche est indisponible : l’index de recherche n’a pas pu être chargé.

## Banners

# $language: the name of the page's locale, in that locale.
banner-untranslated = Cette page n’est pas encore disponible dans votre langue ({ $language }). Vous lisez la version originale en anglais.
banner-machine-translated = Cet article a été traduit à l’aide d’un outil de traduction automatique et peut contenir des erreurs.
banner-read-original = Lire la version anglaise

## Alerts (> [!NOTE] and friends)

alert-note = Remarque
alert-tip = Conseil
alert-important = Important
alert-warning = Avertissement
alert-caution = Attention

## Dates

# $date: a date formatted with date-long.
page-updated = Dernière mise à jour : { $date }
# $year, $month (1-12), $day, $month-name (one of month-1 ... month-12).
date-long = { $day } { $month-name } { $year }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

## Generated pages

# Shown on a locale's home page when the site has no index.md.
home-title = Documentation
# $count: number of topics in this locale.
home-topic-count =
    { $count ->
        [one] { $count } sujet
       *[other] { $count } sujets
    }
chooser-title = Choisissez votre langue
chooser-intro = Cette documentation est disponible dans les langues suivantes :
not-found-title = Page introuvable
not-found-text = Aucune page ne se trouve à cette adresse. Elle a peut-être été déplacée ou renommée.
not-found-home = Retour à l’accueil de la documentation

## Navigation between topics

breadcrumb-label = Fil d’Ariane
pagination-label = Rubriques précédente et suivante
nav-previous = Précédent
nav-next = Suivant

## Keyword index

keywords-title = Index des mots-clés
keywords-empty = Aucune rubrique n’a encore de mots-clés.

## Samples

sample-output-caption = Sortie de { $name }
sample-verified = Vérifié avec rustc { $version }
sample-not-verified = Non vérifié lors de cette génération
sample-failed = Cet exemple a échoué lors de cette génération
sample-exit-status = Code de sortie : { $code }
include-missing = Impossible d’inclure cet extrait.
include-missing-file = Impossible d’inclure cet extrait de { $file }.

## Translation status

banner-outdated = La version anglaise de cette page a changé depuis sa traduction.
status-title = État des traductions
status-intro = Où en est chaque langue, rubrique par rubrique.
status-topic = Rubrique
status-current = À jour
status-machine = Traduction automatique
status-outdated = Obsolète
status-no-record = Non renseignée
status-missing = Non traduite
status-percent-current = { $percent } % à jour
status-counts = { $current } à jour, { $outdated } obsolètes, { $missing } non traduites, sur { $total } rubriques

## Reading aids

theme-dark = Thème sombre
copy-code = Copier
copy-code-done = Copié
