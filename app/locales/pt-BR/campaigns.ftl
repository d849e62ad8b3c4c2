subtitle = Envie um modelo aprovado a um segmento dos seus contatos, dentro dos limites do WhatsApp e do consentimento dos seus clientes. A mensagem de cada destinatário é acompanhada até que ele leia ou responda.
new-campaign = Nova campanha
loading = Carregando…
empty = Ainda não há campanhas. Crie a primeira com “Nova campanha”.
back = ← Todas as campanhas
name = Nome
name-hint = Liquidação de inverno, lembretes de pedido…
state = Estado
start = Início
state-scheduled = Agendada
state-running = Enviando
state-paused = Pausada
state-stopped = Interrompida
state-cancelled = Cancelada
state-finished = Concluída
step-targeted = Destinatários
step-queued = Aguardando
step-sent = Enviadas
step-delivered = Entregues
step-read = Lidas
step-replied = Respondidas
step-failed = Com falha
step-limited = Limitadas pelo WhatsApp
step-opted-out = Descadastrados
step-skipped = Excluídos
pause = Pausar
resume = Retomar
cancel = Cancelar campanha
retry-limited = Reenviar aos que o WhatsApp limitou
failed-by-code = Falhas por código do WhatsApp:
skipped-by-reason = Excluídos:
cost-estimated = Estimado:
cost-charged = cobrado pelo WhatsApp até agora:
new-from-these = Nova campanha para estes
export-csv = Exportar CSV
nobody = Ninguém aqui.
settings-title = Regras de campanhas
# Variables: $hours
cap-summary = no máximo uma mensagem de marketing a cada { $hours } h
tier = Limite de mensagens do seu número
tier-hint = Como o WhatsApp Manager mostra: clientes únicos que você pode alcançar fora de uma conversa em 24 horas.
# Variables: $n
tier-limit = { $n } clientes por dia
tier-unlimited = Ilimitado
frequency-cap = Limite de frequência (horas)
frequency-cap-hint = Um cliente que recebeu uma mensagem de marketing nesse tempo não recebe o marketing de nenhuma campanha. 0 desativa o limite.
reserved = Capacidade reservada às pessoas (%)
reserved-hint = As campanhas nunca usam esta parte das mensagens por segundo do número: as respostas dos agentes e as mensagens dos clientes precisam dela. Com 0 as campanhas usam tudo (as respostas dos agentes continuam saindo antes).
save = Salvar
saved = Salvo.
audience = Público
counting = Contando…
# Variables: $count, $shown
contacts-count =
    { $count ->
        [one] { $shown } contato
       *[other] { $shown } contatos
    }
count-unavailable = Ainda não é possível contar
start-from-segment = Partir de um segmento salvo
no-segment = — um filtro novo —
labels = Etiquetas das conversas
no-labels = Ainda não há etiquetas.
label-ignored = Tanto faz
label-any = Uma destas
label-all = Deve ter
label-none = Não deve ter
consent = Consentimento de marketing
consent-opted-in = Aceitou
consent-unknown = Não perguntado
consent-opted-out = Descadastrado
conversation = Conversa agora
countries = Países dos números (códigos ISO)
last-message = Última mensagem do cliente
any-time = Qualquer momento
within-days = Nos últimos … dias
not-within-days = Não nos últimos … dias
days = Dias
previous-campaign = Uma campanha anterior
no-previous = — qualquer —
save-as-segment = Salvar este filtro como segmento
segment-name = Nome do segmento
save-segment = Salvar segmento
# Variables: $name
segment-saved = Salvo como “{ $name }”.
attributes = Atributos do contato
attribute-name = Atributo
attribute-value = Valor
remove = Remover
add-attribute = + Adicionar uma condição de atributo
message = Mensagem
no-templates = Ainda não há modelos aprovados de marketing ou utilidade. Os modelos são sincronizados do WhatsApp na tela Modelos.
template = Modelo aprovado
choose-template = — escolha um modelo —
values = Valores
value-from = Valor de
fixed-text = Texto
fallback = Se não tiver
fallback-hint = Um destinatário sem valor e sem alternativa é excluído (e contado) em vez de receber uma mensagem quebrada.
header-file-hint = Escolhido uma vez, vai para todos. O WhatsApp guarda um arquivo por 30 dias: uma campanha que termine depois é recusada.
buttons = O que os botões fazem
button-nothing = Nada especial
button-opt-out = Descadastra do marketing
button-person = Passa o cliente para uma pessoa
# Variables: $name
button-label = Adiciona a etiqueta { $name }
replies-to = As respostas vão para
replies-bot = Primeiro o bot (se estiver ligado)
replies-queue = A fila da equipe
preview = Prévia
show-preview = Mostrar
preview-hint = Veja a mensagem como cada destinatário vai recebê-la.
# Variables: $index, $total
recipient-of = Destinatário { $index } de { $total }
# Variables: $value
skipped-for-value = Este destinatário não tem { $value } nem alternativa: seria excluído.
test-number = Enviar um teste para
send-test = Enviar teste
test-sent = Teste enviado. Ele abre uma conversa na caixa de entrada.
schedule = Quando
start-at = Começar em (vazio: agora)
# Variables: $zone
start-hint = No fuso horário da empresa ({ $zone }).
rate = Mensagens por segundo
# Variables: $default, $max
rate-hint = Vazio: { $default }. No máximo { $max }: o resto fica para as respostas dos agentes.
quiet-hours = Horário de silêncio: não enviar entre
quiet-from = Silêncio a partir de
quiet-to = Silêncio até
over-limit = Se for maior do que resta do limite de mensagens
over-limit-spread = Enviar o resto nos dias seguintes
over-limit-refuse = Não lançar
review = Revisão
check = Verificar
review-hint = Verifique o que o lançamento fará: quem recebe, quem fica de fora e por quê, o custo e o limite de mensagens.
launch-now = Lançar agora
schedule-launch = Agendar
recipients = Destinatários
# Variables: $n
of-audience = de { $n } no público
left-out = Excluídos
nobody-left-out = Ninguém.
estimated-cost = Custo estimado por mercado
no-price = sem preço na tabela
total = Total
# Variables: $tier, $used, $left
limit-line = Limite de mensagens: { $tier }; { $used } alcançados nas últimas 24 horas; restam { $left }.
# Variables: $days
limit-spread = Maior do que resta hoje: será enviada ao longo de { $days } dias.
# Variables: $recipients, $left
limit-refused = { $recipients } destinatários, mas restam só { $left } do limite de mensagens. Escolha enviar o resto nos dias seguintes ou reduza o público.
reasons =
    .opted-out = se descadastrou
    .needs-opt-in = nunca aceitou (sua equipe exige para campanhas)
    .frequency-cap = recebeu marketing há pouco (limite de frequência)
    .unreachable = não está no WhatsApp
    .no-address = sem número para escrever
    .duplicate = repetido
    .variables = falta um valor
    .cancelled = campanha cancelada
    .erased = dados apagados a pedido
recipient-states =
    .queued = Aguardando
    .sending = Enviando
    .sent = Enviada
    .delivered = Entregue
    .read = Lida
    .replied = Respondeu
    .failed = Falhou
    .skipped = Excluído
    .limited = Limitada pelo WhatsApp
    .opted-out = Descadastrado
conversation-states =
    .bot = Com o bot
    .open = Com a equipe
    .snoozed = Adiada
    .resolved = Resolvida
    .never = Nunca escreveu
outcomes =
    .received = recebeu
    .read = leu
    .replied = respondeu
    .not-read = não leu
    .limited = foi limitado pelo WhatsApp
operators =
    .equals = é
    .contains = contém
    .present = está preenchido
    .absent = está vazio
    .before = é uma data antes de
    .after = é uma data depois de
    .above = é um número maior que
    .below = é um número menor que
sources =
    .first-name = Primeiro nome
    .name = Nome completo
    .phone = Número de telefone
    .attribute = Atributo do contato
    .fixed = O mesmo texto para todos
    .column = Uma coluna da lista
slot-parts =
    .header = cabeçalho
    .body = texto
    .button = link do botão
    .code = código do cupom
# Variables: $status
stop-template = Interrompida pelo sistema: o WhatsApp colocou o modelo em { $status }. Retome quando ele for aprovado de novo.
# Variables: $rating
stop-quality = Interrompida pelo sistema: a qualidade do seu número caiu para { $rating }.
# Variables: $code
stop-meta-limit = Interrompida pelo sistema: o WhatsApp informou que o número atingiu um limite ({ $code }).
problem-name-missing = Dê um nome à campanha.
problem-name-too-long = O nome é longo demais.
problem-segment-name-taken = Já existe um segmento com esse nome.
# Variables: $n
problem-attribute-key = A condição de atributo { $n } precisa do nome do atributo.
# Variables: $n
problem-attribute-value = A condição de atributo { $n } precisa de um valor do tipo certo (uma data AAAA-MM-DD ou um número).
# Variables: $code
problem-country = “{ $code }” não é um código de país.
problem-days = O número de dias deve estar entre 1 e 3650.
# Variables: $value
problem-unmapped = Diga de onde vem { $value }.
# Variables: $value
problem-empty-fixed = Escreva o texto de { $value }.
problem-header-media = Este modelo precisa de imagem, vídeo ou documento no cabeçalho; as campanhas ainda não os enviam.
problem-template-category = As campanhas enviam modelos de marketing ou de utilidade.
problem-start-malformed = O início não é uma data e hora.
problem-start-past = O início já passou.
problem-start-too-far = O início está a mais de um ano.
problem-quiet-hours = O horário de silêncio deve começar e terminar em horas diferentes.
# Variables: $max
problem-rate = No máximo { $max } mensagens por segundo: o resto fica para as respostas dos agentes.
problem-no-recipients = Ninguém receberia esta campanha: todo o público fica de fora.
# Variables: $recipients, $left
problem-over-limit = { $recipients } destinatários, mas restam só { $left } do limite de mensagens.
# Variables: $state
problem-not-now = Não é possível enquanto a campanha está { $state }.
# Variables: $when
problem-cool-down = O WhatsApp pede 24 horas antes de escrever de novo a quem ele limitou: possível a partir de { $when }.
problem-frequency-cap = O limite de frequência é de no máximo 744 horas (um mês).
problem-reserved = No máximo { $max } % da capacidade pode ser reservado.

## Lists (CSV)
column-name = Nome da coluna
audience-from-filter = Pessoas que atendem a um filtro
audience-from-list = Uma lista (arquivo CSV)
list-upload = Enviar um arquivo CSV
list-hint = Uma linha por pessoa: uma coluna com o telefone (phone, teléfono, telefone…) ou o id de usuário do WhatsApp (bsuid), uma coluna com o nome se quiser; qualquer outra coluna pode preencher os valores do modelo. Números sem + são lidos no país da sua empresa.
list-opted-in = Todas as pessoas deste arquivo aceitaram receber nosso marketing (registrado como o consentimento delas, origem: importação; nunca sobre um descadastro)
# Variables: $percent
list-uploading = Lendo o arquivo… { $percent } %
list-earlier = Ou use uma lista anterior
list-none = Nenhuma lista escolhida ainda.
# Variables: $accepted, $created, $rejected
list-summary = Aceitas: { $accepted } · contatos novos: { $created } · linhas recusadas: { $rejected }
# Variables: $columns
list-columns = Colunas para o modelo: { $columns }
list-rejected-title = Linhas recusadas
list-line = Linha
list-why = Motivo
list-download-rejected = Baixar as linhas recusadas (CSV)
list-empty = O arquivo está vazio: precisa de uma linha de cabeçalho e de pelo menos uma pessoa.
list-not-csv = Este não é um arquivo de texto CSV (salve-o na sua planilha como “CSV UTF-8”).
# Variables: $mb
list-too-large = O arquivo tem mais de { $mb } MB.
# Variables: $max
list-too-many-rows = Uma lista aceita no máximo { $max } pessoas.
# Variables: $max
list-too-many-columns = Uma lista aceita no máximo { $max } colunas.
list-no-address-column = Não há coluna com o telefone (phone, teléfono, telefone…) nem com o id de usuário do WhatsApp (bsuid).
# Variables: $name
list-duplicate-column = Há duas colunas chamadas “{ $name }”.
# Variables: $expected, $got
row-fields = { $got } campos onde o cabeçalho tem { $expected }
row-no-address = Sem telefone e sem id de usuário do WhatsApp
row-phone-malformed = O telefone não é um número de telefone
row-phone-invalid = O número não é válido no seu país
row-user-id = Não é um id de usuário do WhatsApp (como US.1234…)
# Variables: $line
row-duplicate = A mesma pessoa da linha { $line }
# Variables: $column
row-too-long = “{ $column }” é longo demais
