## O que está errado em uma configuração do bot, um item do FAQ, um produto ou uma linha do CSV: "Menu › Frete: o título está em branco".

# Variables: $place, $text
problem-at = { $place }: { $text }
# $subject é uma das partes de opção abaixo.
issue-empty-part = { $subject } está em branco
issue-empty = está em branco; preencha este campo
# Variables: $subject, $max
issue-too-long-part = { $subject } tem mais de { $max } caracteres
issue-too-long = tem mais de { $max } caracteres
issue-menu-too-deep = os menus podem ter no máximo { $max } níveis
issue-menu-too-many = no máximo { $max } opções (além de "falar com uma pessoa")
issue-too-many = o máximo permitido é { $max }
issue-duplicate = "{ $value }" aparece duas vezes; os itens precisam ter textos diferentes (inclusive de "falar com uma pessoa" e entre os botões)
# Variables: $min, $max
issue-out-of-range = deve estar entre { $min } e { $max }
issue-unknown-timezone = fuso horário desconhecido; escreva o nome IANA, como America/Sao_Paulo ou Europe/Lisbon
issue-hours-reversed = o horário de fechamento deve ser depois do de abertura
issue-not-a-link = não é um endereço web: deve começar com https:// ou http://
issue-missing-when = deve conter {"{"}when{"}"}, onde o bot escreve quando a equipe volta

## Lugares.
place-menu = Menu
place-no-title = (sem título)
part-title = o título
part-description = a descrição
part-text = o texto
place-general = Geral
place-catalog = Catálogo
place-faq = FAQ
place-hours = Horário
place-greeting = Saudação
place-menu-button = Texto do botão da lista
place-human-option = Opção "Falar com uma pessoa"
place-handoff-words = Palavras de transferência
place-misunderstandings = Mal-entendidos
place-match-threshold = Limite de correspondência
place-quiet-minutes = Resolver após silêncio
place-time-zone = Fuso horário
place-faq-title = Título
place-faq-phrasings = Perguntas
place-faq-answer = Resposta
place-product-sku = SKU
place-product-name = Nome
place-product-description = Descrição
place-product-price = Preço
place-product-link = Link
place-product-image = Endereço da imagem

## As frases do bot na aba Geral: um nome e quando o bot a diz.
text-fallback = Não entendida
text-fallback-when = Quando uma mensagem não é entendida; o menu vem em seguida.
text-did-you-mean = Você quis dizer…?
text-did-you-mean-when = Quando dois itens do FAQ correspondem quase igualmente; os títulos deles vêm em seguida como botões.
text-anything-else = Algo mais?
text-anything-else-when = Depois de uma resposta longa, acima dos botões a seguir.
text-done-button = Botão "Terminei"
text-done-button-when = Abaixo de cada resposta: o cliente terminou e o bot resolve a conversa.
text-menu-again-button = Botão "Menu"
text-menu-again-button-when = Abaixo de cada resposta: mostra o menu de novo.
text-goodbye = Despedida
text-goodbye-when = Quando o cliente toca no botão "Terminei".
text-search-prompt = Pergunta da busca
text-search-prompt-when = Quando o cliente escolhe buscar no catálogo pelo menu.
text-search-results = Resultados da busca
text-search-results-when = Acima da lista de produtos encontrados.
text-results-button = Botão de resultados
text-results-button-when = O botão que abre a lista de produtos encontrados.
text-no-results = Sem resultados
text-no-results-when = Quando uma busca no catálogo não encontra nada.
text-handoff = Transferência
text-handoff-when = Quando a conversa vai para a equipe dentro do horário de atendimento.
text-closed = Fora do horário
text-closed-when = Quando a conversa vai para a equipe fora do horário de atendimento. Deve conter {"{"}when{"}"}: vira "na segunda-feira às 09:00".

## Por que o bot passou uma conversa para a equipe.
reason-asked = o cliente pediu para falar com uma pessoa
reason-button = o cliente escolheu "falar com uma pessoa"
reason-misunderstood = o bot não entendeu vezes demais
reason-media = o cliente enviou algo que o bot não consegue ler
reason-bot-disabled = o bot foi desativado
reason-window-closed = a mensagem chegou depois que a janela de 24 horas fechou

## Arquivos e linhas CSV do catálogo.
csv-too-large = O arquivo tem mais de { $mb } MB. Divida-o e importe as partes uma após a outra.
csv-empty = O arquivo está vazio: a primeira linha deve nomear as colunas.
csv-no-name-column = A primeira linha não tem coluna de nome (name ou nombre), então nenhum produto pode ser lido.
csv-too-many-rows = O arquivo tem mais de { $max } linhas. Divida-o e importe as partes uma após a outra.
row-unreadable = a linha não pode ser lida como CSV ({ $detail })
# Variables: $sku, $first_line
row-repeated-sku = o SKU { $sku } já está na linha { $first_line }
