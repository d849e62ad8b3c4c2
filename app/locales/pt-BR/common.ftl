warning-minutes = Tempo de aviso
console-settings = Console
console-settings-hint = Como o console dos agentes funciona para toda a equipe.
warning-label = Avisar os agentes quando a janela de 24 horas de um cliente fechar em menos de (minutos)
err-not-failed = Esta mensagem não falhou, então não há nada para reenviar.
err-already-retried = Esta mensagem já foi reenviada; veja a cópia mais recente abaixo.
err-already-open = Este cliente já tem outra conversa aberta. Continue por lá.
err-label-name-taken = Já existe uma etiqueta com este nome (sem diferenciar maiúsculas e minúsculas).
err-shortcut-taken = Outra resposta rápida da mesma lista já usa este atalho.
err-already-taken = Outra pessoa assumiu esta conversa um instante antes de você.
err-already-taken-by = { $name } assumiu esta conversa um instante antes de você.
err-not-assignee = Esta conversa está atribuída a { $name }. Só { $name } ou um supervisor pode escrever para o cliente; você ainda pode adicionar uma nota privada.
# Variables: $name, $capacity
err-at-capacity = { $name } já tem { $capacity } conversas abertas, o limite da capacidade. Escolha outra pessoa ou aumente a capacidade.
field-label-name = Nome da etiqueta
field-label-description = Descrição
field-label-color = Cor
field-shortcut = Atalho
field-quick-reply-title = Título
field-quick-reply-body = Texto
field-snooze-until = Adiar até
field-token-name = Nome do token
err-not-with-bot = Esta conversa não está mais com o bot: agora ela está com um agente.
err-webhook-private = Esta URL aponta para um endereço de rede privada ou local. Marque "Permitir endereços de rede privada" só se o receptor realmente estiver dentro da sua rede.
err-webhook-unresolvable = O host desta URL não foi encontrado. Verifique o endereço.
field-webhook-url = URL do webhook
field-webhook-events = Eventos
field-attributes = Dados do contato
field-cursor = Página
field-consent-note = Motivo
field-country = País
field-effective-date = Primeiro dia
field-currency = Moeda
err-window-closed-at = A janela de 24 horas com este cliente fechou em { $at }. Só é possível enviar um modelo aprovado até ele escrever de novo.
err-marketing-opted-out = Este cliente deixou de receber nossas mensagens de marketing, então não é possível enviar modelos de marketing para ele. Escolha um modelo de utilidade.
err-marketing-needs-opt-in = A equipe só envia marketing a clientes que aceitaram, e este cliente ainda não aceitou. Registre primeiro o consentimento (painel do contato) ou escolha um modelo de utilidade.
# Variables: $max (a number)
err-consent-too-many-keywords = Uma lista de palavras-chave pode ter no máximo { $max } palavras.
# Variables: $keyword, $max (a number)
err-consent-keyword-too-long = “{ $keyword }” é longa demais para uma palavra-chave (no máximo { $max } caracteres).
err-consent-keyword-in-both = “{ $keyword }” está nas duas listas (sair e voltar): deixe-a em só uma.
# Variables: $max (a number)
err-consent-reply-too-long = Uma resposta de confirmação pode ter no máximo { $max } caracteres.
err-template-unavailable = Este modelo não pode ser enviado agora (status: { $status }). Escolha outro ou peça a um administrador para sincronizar os modelos.
# Variables: $slot, $problem
err-template-value = { $slot }: { $problem }
slot-header = Cabeçalho
slot-body = Texto da mensagem
slot-header-file = Arquivo do cabeçalho
slot-link = Final do link
slot-code = Código do cupom
tp-missing = preencha este campo
tp-too-long = no máximo { $max } caracteres
tp-whitespace = sem quebras de linha, tabulações ou mais de 4 espaços seguidos (o WhatsApp os recusa em modelos)
tp-not-url = sem espaços: isto vira parte de um endereço web
tp-part-too-long = longo demais depois de preenchido (o WhatsApp permite { $max } caracteres)
tp-media-missing =
    este modelo precisa de { $kind ->
        [image] uma imagem
        [video] um vídeo
       *[other] um documento
    } no cabeçalho
err-window-closed = A janela de 24 horas com este cliente está fechada. Agora só é possível enviar um modelo aprovado.
err-not-yours = Esta conversa está atribuída a um colega, então você não pode abri-la.
err-media-refused = O WhatsApp não aceita este arquivo:
err-whatsapp = O WhatsApp recusou
sign-in-title = Entrar no Buzón
sign-in-subtitle = A caixa de entrada de WhatsApp compartilhada da sua equipe
email = E-mail
password = Senha
sign-in = Entrar
signing-in = Entrando…
sign-out = Sair
inbox = Caixa de entrada
dashboard = Painel
reports = Relatórios
campaigns = Campanhas
contacts = Contatos
labels = Etiquetas
quick-replies = Respostas rápidas
templates = Modelos
bot = Bot
err-sku-taken = Outro produto já tem este SKU.
err-bot-off = O bot está desligado, então a conversa não pode voltar para ele. Um administrador pode ligá-lo em Bot.
settings = Configurações
integrations = Integrações
costs = Custos
contact-settings = Dados de contatos
users = Usuários
audit = Registro de auditoria
account = Minha conta
menu = Menu
forbidden-title = Você não tem acesso a esta página
forbidden-body = Seu perfil ({ $role }) não pode abrir esta página. Peça a um administrador se precisar.
not-found-title = Página não encontrada
not-found-body = Não há nada neste endereço.
back-to-inbox = Voltar para a caixa de entrada
loading = Carregando…
role-agent = Agente
role-supervisor = Supervisor
role-admin = Administrador
users-subtitle = Quem pode entrar na central e o que cada um pode fazer.
add-user = Adicionar usuário
name = Nome
name-hint = Visível para os colegas
role = Perfil
capacity = Capacidade
capacity-hint = Máximo de conversas abertas ao mesmo tempo
status = Status
actions = Ações
active = Ativo
disabled = Desativado
disable = Desativar
enable = Ativar
reset-password = Redefinir senha
new-password = Nova senha
create-user = Criar usuário
save = Salvar
cancel = Cancelar
you = você
user-created = { $email } já pode entrar.
saved = Salvo.
password-was-reset = Nova senha definida para { $email }. As sessões desse usuário foram encerradas.
confirm-disable = Desativar { $email }? A sessão é encerrada na hora.
templates-subtitle = Os modelos de mensagem da conta do WhatsApp Business. Só os aprovados podem ser enviados.
sync-now = Sincronizar agora
syncing = Sincronizando…
last-synced = Última sincronização: { $at }
never-synced = Ainda não sincronizado
sync-failed = A última sincronização falhou: { $why }
no-templates = Nenhum modelo ainda. Crie-os no WhatsApp Manager da Meta e depois sincronize.
only-approved = Os agentes só veem modelos aprovados.
quality = Qualidade
rejected-because = Rejeitado: { $r }
# $status is Meta's status code (APPROVED, PENDING…); unknown ones are shown as they come.
template-status =
    { $status ->
        [APPROVED] Aprovado
        [PENDING] Em análise
        [REJECTED] Rejeitado
        [PAUSED] Pausado
        [DISABLED] Desativado
        [DELETED] Excluído
        [IN_APPEAL] Em recurso
       *[other] { $status }
    }
settings-subtitle = Como a central está conectada ao WhatsApp. Os valores vêm da configuração do servidor.
whatsapp-connection = Conexão com o WhatsApp
webhook = Webhook
phone-number-id = ID do número de telefone
business-account-id = ID da conta comercial
graph-api = Graph API
access-token = Token de acesso
app-secret = Chave secreta do app
verify-token = Token de verificação
webhook-url = URL de callback
webhook-url-hint = Informe à Meta esta URL (servida via HTTPS) e o token de verificação no Painel de Apps.
webhooks-received = Entregas desde o início
last-webhook = Última entrega
never = nunca
not-set = não definido
# Variables: $at, $what
last-problem = Último problema ({ $at }): { $what }
check-connection = Verificar conexão
checking = Verificando…
phone = Número de telefone
message = Mensagem
test-message = Enviar uma mensagem de teste
test-message-hint = Texto livre só pode ir para um número que escreveu para você nas últimas 24 horas (regra do WhatsApp); caso contrário, o Buzón recusa. Para escrever primeiro, use os modelos do console.
send-test = Enviar
refresh-status = Atualizar status
# Variables: $id, $status
test-message-status = Mensagem nº { $id }: { $status }
account-subtitle = Sua senha, seu idioma e seu fuso horário.
change-password = Alterar senha
current-password = Senha atual
password-changed = Senha alterada.
language = Idioma
err-invalid-credentials = E-mail ou senha incorretos.
err-account-disabled = Esta conta está desativada. Peça a um administrador para ativá-la.
err-throttled = Muitas tentativas. Tente de novo em { $s } segundos.
err-busy = A central está muito ocupada agora. Tente de novo em { $s } segundos.
err-unauthenticated = Sua sessão terminou. Entre novamente.
err-forbidden = Seu perfil não permite isso.
err-not-found = Isso não existe mais. Recarregue a página.
err-email-taken = Já existe um usuário com esse e-mail.
err-last-admin = A central precisa de pelo menos um administrador ativo. Torne outra pessoa administrador antes.
err-own-account = Você não pode fazer isso com a sua própria conta.
err-read-only = O banco de dados está somente leitura, então nada foi salvo. Avise o administrador.
err-unavailable = O banco de dados está ocupado ou inacessível, então nada foi salvo. Tente de novo em instantes.
err-internal = Algo deu errado no servidor. Nada foi salvo; tente de novo.
err-request = Não foi possível acessar o servidor. Verifique sua conexão e tente de novo.
problem-empty = { $f }: campo obrigatório.
# Variables: $f, $n
problem-too-short = { $f }: mínimo de { $n } caracteres.
# Variables: $f, $n
problem-too-long = { $f }: máximo de { $n } caracteres.
problem-malformed = { $f }: formato inválido.
# Variables: $f, $n
problem-out-of-range = { $f }: deve estar entre 0 e { $n }.

## What a WhatsApp (Meta) error code means, shown under the code.
meta-131047 = Passaram-se mais de 24 horas desde a última mensagem do cliente. Envie um modelo aprovado.
meta-131026 = Não foi possível entregar a mensagem: o número pode não estar no WhatsApp, ou o cliente precisa aceitar novos termos.
meta-131051 = O WhatsApp não aceita este tipo de mensagem.
meta-131052 = O WhatsApp não conseguiu processar o arquivo. Tente outro formato ou um arquivo menor.
meta-131056 = Muitas mensagens para este cliente em pouco tempo. Aguarde um momento e tente de novo.
meta-130429 = O WhatsApp está limitando a velocidade de envio deste número. Tente de novo em instantes.
meta-131049 = O WhatsApp optou por não entregar esta mensagem de marketing para manter o engajamento saudável.
meta-131050 = O cliente deixou de receber mensagens de marketing desta empresa.
meta-window-expired = Não enviada: a janela de 24 horas do cliente fechou enquanto esta mensagem aguardava o envio. Envie um modelo aprovado.
meta-132000 = Os valores não correspondem ao que o modelo espera. Sincronize os modelos e tente de novo.
meta-132001 = Este modelo não existe neste idioma ou não está aprovado.
meta-132005 = O modelo fica longo demais depois de preenchido. Encurte os valores.
meta-132007 = O WhatsApp considerou que o modelo preenchido viola as políticas dele.
meta-132008 = Um valor está em formato incorreto para este modelo (por exemplo, o tipo de arquivo do cabeçalho).
meta-132015 = O modelo está pausado por baixa qualidade. Escolha outro modelo.
meta-132016 = O modelo foi desativado pelo WhatsApp por baixa qualidade. Escolha outro modelo.
meta-132018 = Um valor do modelo contém algo que o WhatsApp recusa (quebras de linha, tabulações ou muitos espaços seguidos).
meta-token = O token de acesso da conexão com o WhatsApp é inválido ou não tem permissão. Avise um administrador.
meta-other = O WhatsApp não conseguiu entregar esta mensagem.

## Dates and relative times.
# Short month names, January to December.
months-short =
    .jan = jan.
    .feb = fev.
    .mar = mar.
    .apr = abr.
    .may = mai.
    .jun = jun.
    .jul = jul.
    .aug = ago.
    .sep = set.
    .oct = out.
    .nov = nov.
    .dec = dez.
# A date. $day and $year are digits, $month a short month name from above.
# Variables: $day, $month, $year
date = { $day } de { $month } de { $year }
# A date with a time (24-hour, e.g. 14:05).
# Variables: $date, $time
date-time = { $date }, { $time }
relative-now = agora mesmo
relative-minutes = há { $n } min
relative-hours = há { $n } h
relative-days =
    { $n ->
        [one] há 1 dia
       *[other] há { $n } dias
    }

## Por que um arquivo não pode ir para o WhatsApp (depois de "O WhatsApp não aceita este arquivo:").
media-empty = o arquivo está vazio.
media-unsupported-type = o WhatsApp não aceita arquivos { $mime }.
media-too-large =
    { $kind ->
        [image] imagens podem ter no máximo { $mb } MB.
        [video] vídeos podem ter no máximo { $mb } MB.
        [audio] áudios podem ter no máximo { $mb } MB.
        [sticker] figurinhas podem ter no máximo { $mb } MB.
        [document] documentos podem ter no máximo { $mb } MB.
       *[other] o arquivo é maior do que o WhatsApp aceita (no máximo { $mb } MB).
    }
media-incomplete = o arquivo não chegou inteiro. Tente de novo.
media-not-for-header = o cabeçalho de um modelo aceita uma imagem (JPEG, PNG), um vídeo (MP4) ou um documento (PDF…), não { $mime }.
media-wrong-header-kind =
    o cabeçalho do modelo precisa de { $needs ->
        [image] uma imagem
        [video] um vídeo
       *[document] um documento
    }, não { $got ->
        [image] uma imagem
        [video] um vídeo
       *[document] um documento
    }.
media-expired = O WhatsApp guarda os arquivos enviados por 30 dias e este é mais antigo. Envie-o de novo.
media-caption-too-long = a legenda passa de { $max } caracteres.

## A conexão com o WhatsApp (Configurações): a verificação e o registro de problemas.
connected =
    { $templates ->
        [one] Conectado: a conta comercial responde ({ $templates } modelo na primeira página).
       *[other] Conectado: a conta comercial responde ({ $templates } modelos na primeira página).
    }
link-template-sync = A sincronização de modelos falhou.
link-media-upload = O envio de um arquivo para o WhatsApp falhou.
link-webhook-signature = Uma entrega com assinatura inválida ou ausente foi recusada (verifique WHATSAPP_APP_SECRET).
link-webhook-malformed = Uma entrega fora do formato do WhatsApp foi recusada.
link-webhook-not-saved = Não foi possível salvar uma entrega; o WhatsApp vai enviá-la de novo.
link-connection-check = A verificação da conexão falhou.

## Conta: o fuso horário em que os horários aparecem.
time-zone = Fuso horário
time-zone-hint = Os horários da central aparecem em { $zone }. Deixe o campo vazio para seguir o fuso horário da empresa (configurações de Relatórios).
time-zone-own = Meu fuso horário
time-zone-business = O fuso horário da empresa

## Durações, porcentagens e valores em relatórios e no painel. Os números chegam formatados.
duration-under-minute = <1 min
duration-minutes = { $m } min
duration-hours = { $h } h
duration-hours-minutes = { $h } h { $m } min
duration-days = { $d } d
duration-days-hours = { $d } d { $h } h
percent = { $n }%
money = { $currency } { $amount }
