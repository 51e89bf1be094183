# Interface strings of the interdoc theme.
# Every message here must exist in every locale (a test checks the ids,
# the variables and the plural selectors).

## The locale itself

# The language's own name for itself, shown in the language switcher.
locale-name = English

## Page chrome

skip-to-content = Skip to content
site-nav-label = Documentation
nav-toggle = Menu
nav-home = Home
lang-switcher-label = Language
lang-switcher-untranslated = (not translated yet)
on-this-page = On this page
heading-anchor-label = Link to this section
footer-generated = Built with interdoc.

## Search

search-label = Search the documentation
search-placeholder = Search
# $query: what the reader typed.
search-no-results = No results for “{ $query }”.
# $count: how many pages match (never 0).
search-result-count =
    { $count ->
        [one] One page matches.
       *[other] { $count } pages match.
    }
# Marks a result that is a page not yet translated into this locale.
search-untranslated = Not translated yet
search-unavailable = Search is unavailable: the search index could not be loaded.

## Banners

# $language: the name of the page's locale, in that locale.
banner-untranslated = This page is not yet available in { $language }. You are reading the English original.
banner-machine-translated = This article was translated with machine assistance and may contain errors.
banner-read-original = Read the English version

## Alerts (> [!NOTE] and friends)

alert-note = Note
alert-tip = Tip
alert-important = Important
alert-warning = Warning
alert-caution = Caution

## Dates

# $date: a date formatted with date-long.
page-updated = Last updated: { $date }
# $year, $month (1-12), $day, $month-name (one of month-1 ... month-12).
date-long = { $month-name } { $day }, { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Generated pages

# Shown on a locale's home page when the site has no index.md.
home-title = Documentation
# $count: number of topics in this locale.
home-topic-count =
    { $count ->
        [one] One topic
       *[other] { $count } topics
    }
chooser-title = Choose your language
chooser-intro = This documentation is available in these languages:
not-found-title = Page not found
not-found-text = There is no page at this address. It may have moved or been renamed.
not-found-home = Go to the documentation home

## Navigation between topics

breadcrumb-label = Breadcrumb
pagination-label = Previous and next topics
nav-previous = Previous
nav-next = Next

## Keyword index

keywords-title = Keyword index
keywords-empty = No topic has keywords yet.

## Samples

# $name: the sample's name.
sample-output-caption = Output of { $name }
# $version: the rustc version, such as 1.95.0.
sample-verified = Verified with rustc { $version }
sample-not-verified = Not verified in this build
sample-failed = This sample failed in this build
# $code: the exit status the sample ends with.
sample-exit-status = Exit status: { $code }
include-missing = This listing could not be included.
include-missing-file = This listing could not be included from { $file }.

## Translation status

banner-outdated = The English version of this page has changed since it was translated.
status-title = Translation status
status-intro = How up to date each language is, topic by topic.
status-topic = Topic
status-current = Current
status-machine = Machine-assisted
status-outdated = Outdated
status-no-record = Not recorded
status-missing = Not translated
# $percent: a number from 0 to 100.
status-percent-current = { $percent }% current
# $current, $outdated, $missing, $total: numbers of topics.
status-counts = { $current } current, { $outdated } outdated, { $missing } not translated, of { $total } topics

## Reading aids

# The theme toggle's label; the button is pressed while the dark theme is on.
theme-dark = Dark theme
copy-code = Copy
copy-code-done = Copied
