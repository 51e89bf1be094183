# Interface strings of the interdoc theme.
# Every message here must exist in every locale (a test checks the ids,
# the variables and the plural selectors).

## The locale itself

# The language's own name for itself, shown in the language switcher.
locale-name = Português (Brasil)

## Page chrome

skip-to-content = Pular para o conteúdo
site-nav-label = Documentação
nav-toggle = Menu
nav-home = Início
lang-switcher-label = Idioma
lang-switcher-untranslated = (ainda não traduzido)
on-this-page = Nesta página
heading-anchor-label = Link para esta seção
footer-generated = Gerado com o interdoc.

## Search

search-label = Pesquisar na documentação
search-placeholder = Pesquisar
# $query: what the reader typed.
search-no-results = Nenhum resultado para “{ $query }”.
# $count: how many pages match (never 0).
search-result-count =
    { $count ->
        [one] { $count } página encontrada.
       *[other] { $count } páginas encontradas.
    }
# Marks a result that is a page not yet translated into this locale.
search-untranslated = Ainda não traduzida
search-unavailable = A pesquisa não está disponível: não foi possível carregar o índice de pesquisa.

## Banners

# $language: the name of the page's locale, in that locale.
banner-untranslated = Esta página ainda não está disponível em { $language }. Você está lendo o original em inglês.
banner-machine-translated = Este artigo foi traduzido com o auxílio de tradução automática e pode conter erros.
banner-read-original = Ler a versão em inglês

## Alerts (> [!NOTE] and friends)

alert-note = Observação
alert-tip = Dica
alert-important = Importante
alert-warning = Aviso
alert-caution = Cuidado

## Dates

# $date: a date formatted with date-long.
page-updated = Última atualização: { $date }
# $year, $month (1-12), $day, $month-name (one of month-1 ... month-12).
date-long = { $day } de { $month-name } de { $year }
month-1 = janeiro
month-2 = fevereiro
month-3 = março
month-4 = abril
month-5 = maio
month-6 = junho
month-7 = julho
month-8 = agosto
month-9 = setembro
month-10 = outubro
month-11 = novembro
month-12 = dezembro

## Generated pages

# Shown on a locale's home page when the site has no index.md.
home-title = Documentação
# $count: number of topics in this locale.
home-topic-count =
    { $count ->
        [one] { $count } tópico
       *[other] { $count } tópicos
    }
chooser-title = Escolha seu idioma
chooser-intro = Esta documentação está disponível nos seguintes idiomas:
not-found-title = Página não encontrada
not-found-text = Não há nenhuma página neste endereço. Ela pode ter sido movida ou renomeada.
not-found-home = Ir para a página inicial da documentação

## Navigation between topics

breadcrumb-label = Trilha de navegação
pagination-label = Tópicos anterior e seguinte
nav-previous = Anterior
nav-next = Próximo

## Keyword index

keywords-title = Índice de palavras-chave
keywords-empty = Nenhum tópico tem palavras-chave ainda.

## Samples

sample-output-caption = Saída de { $name }
sample-verified = Verificado com o rustc { $version }
sample-not-verified = Não verificado nesta compilação
sample-failed = Este exemplo falhou nesta compilação
sample-exit-status = Status de saída: { $code }
include-missing = Não foi possível incluir esta listagem.
include-missing-file = Não foi possível incluir esta listagem de { $file }.

## Translation status

banner-outdated = A versão em inglês desta página mudou desde que ela foi traduzida.
status-title = Status das traduções
status-intro = O quanto cada idioma está atualizado, tópico por tópico.
status-topic = Tópico
status-current = Atualizado
status-machine = Tradução automática
status-outdated = Desatualizado
status-no-record = Sem registro
status-missing = Não traduzido
status-percent-current = { $percent }% atualizado
status-counts = { $current } atualizados, { $outdated } desatualizados, { $missing } não traduzidos, de { $total } tópicos

## Reading aids

theme-dark = Tema escuro
copy-code = Copiar
copy-code-done = Copiado
