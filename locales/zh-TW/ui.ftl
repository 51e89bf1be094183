# Interface strings of the interdoc theme.
# Every message here must exist in every locale (a test checks the ids,
# the variables and the plural selectors).

## The locale itself

# The language's own name for itself, shown in the language switcher.
locale-name = 繁體中文

## Page chrome

skip-to-content = 跳至主要內容
site-nav-label = 說明文件
nav-toggle = 選單
nav-home = 首頁
lang-switcher-label = 語言
lang-switcher-untranslated = （尚未翻譯）
on-this-page = 本頁內容
heading-anchor-label = 連結到本節
footer-generated = 使用 interdoc 建置。

## Search

search-label = 搜尋文件
search-placeholder = 搜尋
# $query: what the reader typed.
search-no-results = 找不到與「{ $query }」相符的結果。
# $count: how many pages match (never 0).
search-result-count =
    { $count ->
        [one] 共有 { $count } 個相符的頁面。
       *[other] 共有 { $count } 個相符的頁面。
    }
# Marks a result that is a page not yet translated into this locale.
search-untranslated = 尚未翻譯
search-unavailable = 無法載入搜尋索引，因此無法使用搜尋功能。

## Banners

# $language: the name of the page's locale, in that locale.
banner-untranslated = 本頁尚未提供{ $language }版本，您目前閱讀的是英文原文。
banner-machine-translated = 本文借助機器翻譯完成，內容可能有誤。
banner-read-original = 閱讀英文版

## Alerts (> [!NOTE] and friends)

alert-note = 備註
alert-tip = 提示
alert-important = 重要
alert-warning = 警告
alert-caution = 注意

## Dates

# $date: a date formatted with date-long.
page-updated = 最後更新：{ $date }
# $year, $month (1-12), $day, $month-name (one of month-1 ... month-12).
date-long = { $year }年{ $month }月{ $day }日
month-1 = 1月
month-2 = 2月
month-3 = 3月
month-4 = 4月
month-5 = 5月
month-6 = 6月
month-7 = 7月
month-8 = 8月
month-9 = 9月
month-10 = 10月
month-11 = 11月
month-12 = 12月

## Generated pages

# Shown on a locale's home page when the site has no index.md.
home-title = 說明文件
# $count: number of topics in this locale.
home-topic-count =
    { $count ->
        [one] { $count } 個主題
       *[other] { $count } 個主題
    }
chooser-title = 選擇語言
chooser-intro = 本說明文件提供下列語言版本：
not-found-title = 找不到頁面
not-found-text = 此網址沒有對應的頁面，該頁面可能已移動或重新命名。
not-found-home = 前往說明文件首頁

## Navigation between topics

breadcrumb-label = 導覽路徑
pagination-label = 上一個與下一個主題
nav-previous = 上一頁
nav-next = 下一頁

## Keyword index

keywords-title = 關鍵字索引
keywords-empty = 目前還沒有任何主題設定關鍵字。

## Samples

sample-output-caption = { $name } 的輸出
sample-verified = 已以 rustc { $version } 驗證
sample-not-verified = 未在本次建置中驗證
sample-failed = 此範例在本次建置中失敗
sample-exit-status = 結束狀態：{ $code }
include-missing = 無法包含這段程式碼。
include-missing-file = 無法從 { $file } 包含這段程式碼。

## Translation status

banner-outdated = 此頁面翻譯完成後，英文原文已有變更。
status-title = 翻譯狀態
status-intro = 依主題列出各語言的翻譯是否為最新。
status-topic = 主題
status-current = 最新
status-machine = 機器輔助翻譯
status-outdated = 已過時
status-no-record = 無紀錄
status-missing = 尚未翻譯
status-percent-current = { $percent }% 為最新
status-counts = 共 { $total } 個主題：最新 { $current } 個、已過時 { $outdated } 個、尚未翻譯 { $missing } 個

## Reading aids

theme-dark = 深色主題
copy-code = 複製
copy-code-done = 已複製
