# Interface strings of the interdoc theme.
# Every message here must exist in every locale (a test checks the ids,
# the variables and the plural selectors).

## The locale itself

# The language's own name for itself, shown in the language switcher.
locale-name = 한국어

## Page chrome

skip-to-content = 본문으로 건너뛰기
site-nav-label = 문서
nav-toggle = 메뉴
nav-home = 홈
lang-switcher-label = 언어
lang-switcher-untranslated = (아직 번역되지 않음)
on-this-page = 이 페이지의 내용
heading-anchor-label = 이 섹션으로 연결되는 링크
footer-generated = interdoc으로 생성되었습니다.

## Search

search-label = 문서 검색
search-placeholder = 검색
# $query: what the reader typed.
search-no-results = “{ $query }”에 대한 검색 결과가 없습니다.
# $count: how many pages match (never 0).
search-result-count =
    { $count ->
        [one] 일치하는 페이지 { $count }개
       *[other] 일치하는 페이지 { $count }개
    }
# Marks a result that is a page not yet translated into this locale.
search-untranslated = 아직 번역되지 않음
search-unavailable = 검색 색인을 불러오지 못해 검색을 사용할 수 없습니다.

## Banners

# $language: the name of the page's locale, in that locale.
banner-untranslated = 이 페이지는 아직 { $language } 번역이 제공되지 않습니다. 지금 보고 계신 문서는 영어 원문입니다.
banner-machine-translated = 이 문서는 기계 번역의 도움을 받아 번역되었으므로 오류가 있을 수 있습니다.
banner-read-original = 영어 원문 보기

## Alerts (> [!NOTE] and friends)

alert-note = 참고
alert-tip = 팁
alert-important = 중요
alert-warning = 경고
alert-caution = 주의

## Dates

# $date: a date formatted with date-long.
page-updated = 최종 업데이트: { $date }
# $year, $month (1-12), $day, $month-name (one of month-1 ... month-12).
date-long = { $year }년 { $month }월 { $day }일
month-1 = 1월
month-2 = 2월
month-3 = 3월
month-4 = 4월
month-5 = 5월
month-6 = 6월
month-7 = 7월
month-8 = 8월
month-9 = 9월
month-10 = 10월
month-11 = 11월
month-12 = 12월

## Generated pages

# Shown on a locale's home page when the site has no index.md.
home-title = 문서
# $count: number of topics in this locale.
home-topic-count =
    { $count ->
        [one] 주제 { $count }개
       *[other] 주제 { $count }개
    }
chooser-title = 언어 선택
chooser-intro = 이 문서는 다음 언어로 제공됩니다.
not-found-title = 페이지를 찾을 수 없습니다
not-found-text = 이 주소에 해당하는 페이지가 없습니다. 페이지가 이동되었거나 이름이 변경되었을 수 있습니다.
not-found-home = 문서 홈으로 이동

## Navigation between topics

breadcrumb-label = 이동 경로
pagination-label = 이전 항목과 다음 항목
nav-previous = 이전
nav-next = 다음

## Keyword index

keywords-title = 키워드 색인
keywords-empty = 아직 키워드가 지정된 항목이 없습니다.

## Samples

sample-output-caption = { $name } 출력
sample-verified = rustc { $version }(으)로 검증됨
sample-not-verified = 이번 빌드에서 검증되지 않음
sample-failed = 이번 빌드에서 이 예제가 실패했습니다.
sample-exit-status = 종료 상태: { $code }
include-missing = 이 코드 목록을 포함할 수 없습니다.
include-missing-file = { $file }에서 이 코드 목록을 포함할 수 없습니다.

## Translation status

banner-outdated = 이 페이지를 번역한 뒤에 영어 원문이 변경되었습니다.
status-title = 번역 현황
status-intro = 언어별로 각 항목의 번역이 얼마나 최신인지 보여 줍니다.
status-topic = 항목
status-current = 최신
status-machine = 기계 번역 지원
status-outdated = 오래됨
status-no-record = 기록 없음
status-missing = 번역 안 됨
status-percent-current = { $percent }% 최신
status-counts = 전체 { $total }개 항목 중 최신 { $current }개, 오래됨 { $outdated }개, 번역 안 됨 { $missing }개

## Reading aids

theme-dark = 어두운 테마
copy-code = 복사
copy-code-done = 복사됨
