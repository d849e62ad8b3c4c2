## What messages cost: estimates in the template picker, and Settings → Costs (admins).

free-window = Grátis: dentro da janela de atendimento ao cliente
free-entry-point = Grátis: dentro de 72 horas após um anúncio de clique para o WhatsApp
blocked-us = Não será entregue: o WhatsApp pausa o marketing para números dos EUA
# Variables: $price (e.g. “0.0625 USD”), $category (e.g. “marketing”), $market (Meta's market name, e.g. “Spain”)
estimate = ≈ { $price } · { $category } · { $market }
# Variables: $category, $market
no-price = { $category } · { $market }: sem preço na tabela
# Variables: $category (e.g. “marketing”)
charged = Cobrada pelo WhatsApp como { $category }
# Variables: $price (e.g. “0.0625 USD”), $category (e.g. “marketing”), $market (e.g. “Brazil”)
charged-price = Cobrada pelo WhatsApp: { $price } · { $category } · { $market }
estimated-free = { $category } · grátis
# A pricing category as Meta names it.
category =
    .marketing = marketing
    .utility = utilidade
    .authentication = autenticação
    .authentication-international = autenticação (internacional)
    .service = serviço

## Settings → Costs.
title = Custos
subtitle = O que a Meta cobra por mensagem entregue, por mercado e categoria. O sistema estima cada mensagem antes do envio e calcula o que a Meta informa ter cobrado.
rate-cards = Tabelas de preços
no-cards = Ainda não há tabela: as estimativas dizem "sem preço" até você importar a tabela da Meta na sua moeda.
in-force = Em vigor desde { $date }
# Variables: $date (the first day), $markets (how many markets)
card = A partir de { $date } · { $markets } mercados
source = Fonte
currency = Moeda
market = Mercado
import = Importar o CSV da Meta
import-hint = Cole a tabela que a Meta publica para a sua moeda (uma linha por mercado; colunas Marketing, Utility, Authentication, Authentication-International, Service) e o primeiro dia em que vale.
effective-from = Vale a partir de
paste = CSV
import-button = Importar
use-sample = Carregar a tabela de exemplo da demo
download = Baixar CSV
delete-card = Excluir
# Variables: $line (a line number), $problem (what is wrong there)
csv-problem = Linha { $line }: { $problem }
csv-problems =
    .missing-market-column = não há coluna Market no cabeçalho
    .no-price-columns = não há colunas de preço (Marketing, Utility, Authentication…)
    .unknown-market = este mercado não é um dos da Meta
    .bad-price = não é um preço
    .duplicate-market = este mercado aparece duas vezes
    .mixed-currency = outra moeda que o resto do arquivo
    .unclosed-quote = aspas não fechadas
    .no-rates = o arquivo não tem preços
rules = Modelo de preços
rules-hint = A Meta muda com o tempo o que cobra; cada linha vale a partir da sua data. Altere-as só quando a Meta anunciar uma mudança.
service-charged = Mensagens de serviço (texto livre) cobradas
utility-in-window-charged = Modelos de utilidade dentro da janela cobrados
from = A partir de
saved = Salvo.
save = Salvar
loading = Carregando…
