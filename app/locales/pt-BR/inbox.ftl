views =
    .item-1 = Minhas
    .item-2 = Fila
    .item-3 = Todas
    .item-4 = Bot
    .item-5 = Adiadas
    .item-6 = Resolvidas
search = Buscar nome, telefone ou texto
any-label = Qualquer etiqueta
anyone = Qualquer pessoa
unassigned = Sem responsável
no-conversations = Nenhuma conversa aqui.
load-more = Carregar mais
pick-conversation = Escolha uma conversa à esquerda para começar.
older = Carregar mensagens anteriores
earlier-conversations = Conversas com este contato
conversation-started = Conversa iniciada
window-open = Janela aberta · restam { $left }
window-closed = Janela fechada
window-closed-hint = O cliente não escreveu nas últimas 24 horas: só é possível enviar modelos aprovados.
write-reply = Escreva uma resposta… (Enter para enviar, Shift+Enter para nova linha)
write-note = Escreva uma nota privada para sua equipe…
reply = Responder
note = Nota privada
send = Enviar
add-note = Adicionar nota
attach = Anexar arquivo
emoji = Emoji
preview = Pré-visualização
replying-to = Respondendo a
cancel = Cancelar
uploading = Enviando arquivo… { $p }%
window-closing-in = A janela de 24 horas fecha em { $left }. Depois disso, só será possível enviar modelos aprovados.
window-closed-at = A janela de 24 horas fechou em { $at }. Até o cliente escrever de novo, só é possível enviar modelos aprovados.
window-never-opened = Este cliente ainda não escreveu para nós: comece com um modelo aprovado.
window-header-open = A janela fecha em { $left }
window-header-closed = Janela fechada em { $at }
template = Modelo
no-templates = Nenhum modelo aprovado corresponde. Administradores podem sincronizar os modelos na tela Modelos.
cat-utility = Utilidade
cat-marketing = Marketing
cat-authentication = Autenticação
marketing-blocked = O cliente deixou de receber marketing
marketing-needs-opt-in = A equipe só envia marketing a clientes que aceitaram
limited-by-whatsapp = Limitada pelo WhatsApp: tente de novo amanhã, no mínimo
bot-notice = O bot está atendendo este cliente. Ao enviar uma resposta, você assume a conversa e o bot para.
unsendable = Não pode ser enviado pelo console
search-templates = Buscar modelos por nome ou texto
all-templates = Todos os modelos
close-picker = Voltar a escrever
loading = Carregando…
sending = Enviando…
send-template = Enviar modelo
example = ex.:
fill-first-name = Nome
fill-name = Nome completo
fill-phone = Telefone
fill-me = Meu nome
header-file =
    { $kind ->
        [image] Imagem do cabeçalho
        [video] Vídeo do cabeçalho
        [document] Documento do cabeçalho
       *[other] Cabeçalho: { $kind }
    }
upload-file = Enviar um arquivo
earlier-uploads = Ou use um arquivo enviado antes:
window-closing-filter = Janela fechando em breve
window-closed-filter = Janela fechada
any-window = Qualquer janela
guard-customer =
    { $n ->
        [one] O cliente escreveu de novo desde que você começou a digitar.
       *[other] O cliente escreveu mais { $n } mensagens desde que você começou a digitar.
    }
guard-colleague = { $who } respondeu desde que você começou a digitar.
send-anyway = Enviar mesmo assim
retry = Tentar de novo
# On a failed message that was sent again (once is the limit).
retried = Reenviada abaixo
private-note = Nota privada
forwarded = Encaminhada
# Variables: $name
campaign-message = Campanha “{ $name }”
unsupported = Este tipo de mensagem não pode ser exibido aqui.
removed-retention = Apagada: mais antiga do que a equipe guarda as mensagens.
removed-erasure = Apagada: os dados do cliente foram apagados.
media-pending = Baixando do WhatsApp…
media-failed = Não foi possível baixar o arquivo do WhatsApp
download = Baixar
open-map = Abrir mapa
quoted-missing = Mensagem anterior
reacted = reagiu
is-typing = { $who } está digitando…
is-viewing = { $who } está vendo
contact = Contato
phone = Telefone
bsuid = ID no escopo da empresa
username = Nome de usuário
attributes = Atributos
add-attribute = Adicionar atributo
attribute-name = Nome
attribute-value = Valor
save = Salvar
saved = Salvo
labels = Etiquetas
no-labels = Sem etiquetas
marketing = Mensagens de marketing
opted-in = Aceitou
opted-out = Recusou
consent-unknown = Ainda não perguntado
came-from-ad = Veio de um anúncio
live = Ao vivo
reconnecting = Reconectando…
online = Online
away = Ausente
offline = Offline
shortcuts = Atalhos de teclado
# The keyboard shortcuts' help: what each key does (the keys themselves are fixed).
shortcut-list =
    .next = Próxima conversa
    .previous = Conversa anterior
    .reply = Ir para a caixa de resposta
    .note = Escrever uma nota privada
    .assign = Atribuir a mim
    .resolve = Resolver
    .label = Etiquetar a conversa
    .search = Buscar
    .leave = Sair da caixa de resposta
    .new = Nova conversa
    .help = Mostrar esta ajuda
close = Fechar
notify = Me notificar
status-names =
    .item-1 = Bot
    .item-2 = Aberta
    .item-3 = Adiada
    .item-4 = Resolvida
tick-names =
    .item-1 = Enviando
    .item-2 = Enviada
    .item-3 = Entregue
    .item-4 = Lida
    .item-5 = Falhou
# Variables: $what, $who
activity-by = { $what } por { $who }
chars-left = restam { $n }

## The contact panel: the language the customer writes in.
writes-in = Escreve em
writes-in-hint = Detectado nas mensagens dele; o bot e os textos da própria central falam com ele neste idioma.

## Linhas de atividade no histórico de uma conversa.
activity-assigned = Atribuída a { $to }
activity-unassigned = Devolvida à fila
activity-resolved = Resolvida
activity-reopened = Reaberta
activity-snoozed-until-reply = Adiada até o cliente escrever
activity-snoozed-until = Adiada até { $at }
activity-labelled = Etiqueta "{ $label }" adicionada
activity-unlabelled = Etiqueta "{ $label }" removida
activity-handed-to-bot = Devolvida ao bot
activity-taken-over = Assumida do bot
activity-handed-off = O bot passou a conversa para a equipe: { $why }
activity-bot-resolved = Resolvida pelo bot: o cliente não precisava de mais nada
activity-bot-resolved-quiet = Resolvida pelo bot: o cliente não voltou a escrever
activity-snooze-ended = Fim do adiamento: aberta de novo
activity-returned-to-queue = Devolvida à fila: { $from } ficou offline
activity-auto-assigned = Atribuída automaticamente a { $to }
activity-started-by-desk = Conversa iniciada
# Variables: $consent (the new state, e.g. “Opted out”), $note (the reason the agent gave)
activity-consent-changed = Consentimento de marketing: { $consent }. Motivo: { $note }
activity-consent-changed-plain = Consentimento de marketing: { $consent }
