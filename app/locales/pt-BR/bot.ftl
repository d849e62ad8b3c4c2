title = Bot
subtitle = O bot atende os clientes primeiro: cumprimenta com um menu, responde ao seu FAQ, encontra produtos no seu catálogo e passa a conversa para a equipe quando pedem ou quando não consegue ajudar.
loading = Carregando…
enabled-label = Bot ativado
enabled-on = Ativado: novas conversas começam com o bot
enabled-off = Desativado: novas conversas vão direto para a fila
switch-hint = Vale a partir de quando você salvar.
switch-off-hint = Ao salvar, todas as conversas que ainda estão com o bot vão para a fila, para que nenhum cliente fique esperando um bot que não responde.
unsaved = Alterações não salvas
save = Salvar
saving = Salvando…
save-hint = Salva juntos Geral, Menu, Horário e o botão de ativar
saved =
    { $handed_off ->
        [0] Salvo. O bot usa as novas configurações a partir da próxima mensagem.
        [one] Salvo. O bot está desativado: 1 conversa que estava com ele foi para a fila.
        *[other] Salvo. O bot está desativado: { $handed_off } conversas que estavam com ele foram para a fila.
    }
to-fix = Corrija antes de salvar:
tab-general = Geral
tab-menu = Menu
tab-hours = Horário
tab-faq = FAQ
tab-catalog = Catálogo
tab-test = Testar
tab-report = Relatório
conversation = Saudação e menu
greeting = Saudação
greeting-hint = Enviada com o menu quando um cliente escreve pela primeira vez e sempre que ele pede o menu.
menu-button = Texto do botão da lista
menu-button-hint = Quando o menu tem mais de três itens, o WhatsApp o mostra como uma lista aberta por este botão.
human-option = Opção "Falar com uma pessoa"
human-option-hint = O último item de todo menu: passa a conversa para a equipe.
understanding = Compreensão e transferência
handoff-words = Palavras de transferência
handoff-words-hint = Separe com vírgulas ou quebras de linha. Uma mensagem com qualquer uma destas palavras vai direto para a equipe.
misunderstandings = Mal-entendidos
misunderstandings-hint = Mensagens seguidas que o bot não entende antes de transferir a conversa (1–10).
threshold = Limite de correspondência
threshold-hint = Quanta certeza o bot precisa ter para responder com um item do FAQ (20–95). Mais baixo responde mais, e arrisca mais.
quiet = Resolver após silêncio
quiet-hint = Minutos sem resposta depois da resposta do bot até ele resolver a conversa. 0: nunca.
what-it-says = O que o bot diz
what-it-says-hint = Todas as outras mensagens, com as suas palavras. Pode usar emoji; os limites de tamanho do WhatsApp são contados enquanto você digita.
language = Idioma do bot
reset-texts = Restaurar textos neste idioma
reset-hint = Substitui a saudação, os textos dos botões e todas as mensagens abaixo pelos padrões do idioma escolhido. O menu, o FAQ e o catálogo continuam iguais.
reset-confirm = Substituir a saudação, os textos dos botões e todas as mensagens do bot pelos padrões do idioma escolhido?
text-groups =
    .item-1 = Quando não entende
    .item-2 = Depois de uma resposta
    .item-3 = Busca no catálogo
    .item-4 = Ao passar a conversa para a equipe
menu-title = Menu
menu-hint = O que os clientes podem tocar. Até 9 opções por menu; os submenus podem ter até 3 níveis. "Falar com uma pessoa" é sempre adicionada no final.
human-always-last = adicionada automaticamente
# Variables: $count, $max
add-option = Adicionar opção ({ $count }/{ $max })
option-title = Título
option-description = Descrição (exibida nas listas)
option-description-hint = Opcional
action = Ao tocar
action-answer = Responder com um texto
action-submenu = Abrir um submenu
action-catalog = Buscar no catálogo
action-human = Falar com uma pessoa
answer = Resposta
submenu-text = Texto acima do submenu
move-up = Mover para cima
move-down = Mover para baixo
delete-option-confirm = Excluir esta opção?
delete-option-confirm-named = Excluir a opção "{ $title }" (e o submenu dela, se houver)?
drop-submenu-confirm = O submenu desta opção tem opções. Mudar a ação e excluí-las?
preview = Pré-visualização
preview-hint = Até três itens aparecem como botões; mais que isso, como lista. Inclui as alterações não salvas.
list-opened = Lista aberta
image = Imagem
other-message = Outro tipo de mensagem
hours-title = Horário de atendimento
hours-hint = Fora deste horário o bot continua transferindo quando pedem, mas avisa ao cliente quando a equipe volta.
hours-enabled = A equipe tem horário definido (desativado: a equipe está sempre disponível)
timezone = Fuso horário
timezone-hint = O fuso horário do horário abaixo, pelo nome IANA (Região/Cidade).
weekdays =
    .item-1 = Segunda-feira
    .item-2 = Terça-feira
    .item-3 = Quarta-feira
    .item-4 = Quinta-feira
    .item-5 = Sexta-feira
    .item-6 = Sábado
    .item-7 = Domingo
open = Aberto
from = Abre às
to = até
midnight-hint = Um fechamento às 00:00 significa meia-noite, no fim do dia.
faq-new = Novo item do FAQ
faq-edit = Editar item do FAQ
faq-hint = Uma resposta, perguntada de várias formas. Escreva as perguntas como os clientes escrevem; o bot reconhece variações próximas e erros de digitação.
faq-title = Título
faq-title-hint = Curto: aparece como botão quando o bot pergunta "Você quis dizer…?".
faq-phrasings = Perguntas
faq-phrasings-placeholder =
    Quanto tempo demora a entrega?
    Quando meu pedido vai chegar?
faq-phrasings-hint = Uma por linha, com até { $max } caracteres cada.
faq-answer = Resposta
faq-list = FAQ ({ $n })
faq-none = Nenhum item.
faq-phrasings-count =
    { $n ->
        [one] { $n } pergunta
        *[other] { $n } perguntas
    }
faq-saved = Item do FAQ "{ $title }" salvo.
faq-deleted = Item do FAQ "{ $title }" excluído.
faq-delete-confirm = Excluir o item do FAQ "{ $title }"?
add-entry = Adicionar item
save-entry = Salvar alterações
cancel = Cancelar
edit = Editar
delete = Excluir
search = Buscar…
product-new = Novo produto
product-edit = Editar produto
product-name = Nome
product-sku = SKU
product-price = Preço
product-description = Descrição
product-link = Link
product-image = Endereço da imagem
product-image-hint = Um endereço https público de uma imagem; o bot a envia com os detalhes do produto.
add-product = Adicionar produto
products-list = Catálogo ({ $n })
products-none = Nenhum produto.
product-saved = Produto "{ $name }" salvo.
product-deleted = Produto "{ $name }" excluído.
product-delete-confirm = Excluir o produto "{ $name }"?
yes = Sim
no = Não
csv-title = Importar de CSV
# Variables: $rows, $mb
csv-hint = Adicione ou atualize vários produtos de uma vez. Linhas com um SKU que já está no catálogo atualizam esse produto; as outras são adicionadas. Até { $rows } linhas e { $mb } MB.
csv-choose = Escolher um arquivo CSV…
csv-chosen = { $name } — pronto para importar
csv-paste = …ou cole o CSV aqui
csv-import = Importar
csv-importing = Importando…
# Variables: $created, $updated
csv-done = Importado: { $created } adicionados, { $updated } atualizados.
csv-rejected =
    { $n ->
        [one] { $n } linha ficou de fora:
        *[other] { $n } linhas ficaram de fora:
    }
csv-line = Linha
csv-reason = Motivo
csv-format = Formato
# O que significa cada coluna do CSV do catálogo (os nomes das colunas são fixos).
csv-columns =
    .name = obrigatório: o nome do produto
    .sku = seu código; atualiza o produto com o mesmo código
    .description = o que o bot mostra e pesquisa
    .price = do jeito que você escrever: $59.990, 12 € / mês
    .link = a página do produto (http ou https)
    .image = um endereço https público de uma foto
csv-rules = A primeira linha nomeia as colunas, em qualquer ordem, com maiúsculas ou minúsculas; outras colunas são ignoradas. Separe com vírgulas ou ponto e vírgula; coloque entre aspas os valores que os contêm. Na sua planilha, salve como "CSV UTF-8".
csv-sample = Baixar este exemplo
trial-title = Testar o bot
trial-hint = Escreva o que um cliente escreveria. A resposta usa as configurações, o FAQ e o catálogo SALVOS, como se o cliente já tivesse recebido a saudação; nada é enviado a ninguém.
trial-unsaved = Você tem alterações não salvas: salve-as para testá-las aqui.
trial-placeholder = Quanto custa o frete para Monterrey?
trial-submit = Testar
why = Por quê
ends-handoff = A conversa iria para a equipe: { $reason }.
ends-resolved = O bot resolveria a conversa.
handoff-word-seen = Uma palavra de transferência foi encontrada na mensagem.
handoff-word-not-seen = Nenhuma palavra de transferência na mensagem.
faq-scores = Itens do FAQ mais próximos
faq-scores-none = Nenhum item do FAQ se parece com esta mensagem.
product-scores = Produtos correspondentes
product-scores-none = Nenhum produto corresponde.
why-greeting = Primeira mensagem: o bot cumprimenta e mostra o menu.
why-menu = O cliente pediu o menu.
# Variables: $title, $score
why-faq = O item do FAQ "{ $title }" correspondeu ({ $score }).
why-did-you-mean = Vários itens do FAQ corresponderam quase igualmente ({ $which }), então o bot pergunta qual deles.
why-option = A opção { $id } do menu foi escolhida.
why-search-prompt = O bot pergunta o que o cliente está procurando.
why-catalog = Nenhum item do FAQ correspondeu o suficiente; { $n } produtos sim, então o bot os lista.
why-no-results = A busca no catálogo não encontrou nada.
why-product = O cliente pediu o produto "{ $name }".
why-handoff-word = A mensagem contém uma palavra de transferência.
why-handoff-choice = O cliente escolheu falar com uma pessoa.
why-misunderstood = Não entendida ({ $count } seguidas): o bot mostra o menu de novo ou transfere ao atingir o limite.
why-media = O bot não consegue lidar com este tipo de mensagem, então transfere a conversa.
why-done = O cliente disse que tinha terminado.
why-ignored = Nada a responder.
report-title = Últimos 7 dias
report-hint = Conversas que começaram com o bot nos últimos 7 dias.
report-handled = Atendidas pelo bot
report-with-bot = Com o bot agora
report-resolved = Resolvidas pelo bot
report-confirmed = O cliente confirmou que tinha terminado
report-quiet = O cliente parou de responder após uma resposta
report-handed-off = Passadas para a equipe
report-taken-over = Assumidas por um atendente
report-mean = Tempo médio até a transferência
minutes =
    { $m ->
        [one] { $m } min
        *[other] { $m } min
    }

## The switch for answering customers in their own language.
customer-language = Responder a cada cliente no idioma dele
customer-language-hint = Clientes que escrevem em outro idioma da central (inglês, espanhol, português do Brasil) recebem a saudação, os botões e estas frases com o texto padrão da central no idioma deles. O menu, o FAQ e o catálogo ficam como você escreveu.
