subtitle = Todas as pessoas que escreveram para o número ou foram adicionadas a ele. Busque, filtre e abra a ficha de um contato.
search = Buscar
search-hint = Nome, número, usuário ou o valor de um atributo
sort = Ordem
sorts =
    .last-contact = Última mensagem primeiro
    .newest = Mais recentes primeiro
    .name = Nome A–Z
blocked-filters =
    .any = Com bloqueados
    .only = Só bloqueados
    .hidden = Sem bloqueados
label = Etiqueta
any-label = Qualquer etiqueta
consent = Marketing
any-consent = Qualquer consentimento
consents =
    .unknown = Não perguntado
    .opted-in = Aceitou
    .opted-out = Recusou
country = País
country-hint = ES, BR…
last-contact = Última mensagem
last-contacts =
    .any = Qualquer data
    .within-7 = Nos últimos 7 dias
    .within-30 = Nos últimos 30 dias
    .within-90 = Nos últimos 90 dias
    .not-within-90 = Não nos últimos 90 dias
attribute = Atributo
any-attribute = Atributo…
attribute-value = contém…
export = Exportar CSV
col-name = Nome
col-phone = Número
col-labels = Etiquetas
col-marketing = Marketing
col-last = Última mensagem
blocked = Bloqueado
never = Nunca
empty = Nenhum contato corresponde.
more = Ver mais
loading = Carregando…
back = ← Todos os contatos
identities = Identidades do WhatsApp
phone = Número
bsuid = ID de usuário do WhatsApp
username = Usuário
added = Cadastro
writes-in = Escreve em
attributes = Atributos
add-attribute = + Outro atributo
attribute-name = Nome
save = Salvar
saved = Salvo
labels = Etiquetas
no-labels = As conversas não têm etiquetas.
conversations = Conversas
no-conversations = Nenhuma conversa ainda.
# Variables: $count
messages-count = { $count ->
    [one] { $count } mensagem
   *[other] { $count } mensagens
}
open = Abrir
unassigned = Sem responsável
campaigns = Campanhas
no-campaigns = Nenhuma campanha foi enviada para este contato.
consent-history = Histórico do consentimento de marketing
no-consent-history = Nenhuma mudança registrada.
new-conversation = Nova conversa
block = Bloquear
unblock = Desbloquear
block-confirm = Bloquear este contato? As mensagens dele são mantidas, mas não geram avisos e ficam fora da fila.
# Variables: $when, $who
blocked-since = Bloqueado desde { $when } por { $who }.
# Variables: $when
blocked-since-unknown = Bloqueado desde { $when }.
yes = Sim
no = Não
value-problems =
    .not-a-number = deve ser um número
    .not-a-date = deve ser uma data (AAAA-MM-DD)
    .not-yes-no = deve ser sim ou não
    .not-an-option = deve ser uma das opções
    .too-long = é longo demais (no máximo 500 caracteres)
    .bad-key = precisa de um nome de no máximo 60 caracteres
    .too-many = demais
# Variables: $attribute, $problem
attribute-refused = “{ $attribute }” { $problem }.
# Variables: $max
too-many-attributes = Um contato guarda no máximo { $max } atributos.
# Variables: $row
definition-key = Atributo { $row }: a chave aceita letras minúsculas, dígitos e _ (no máximo 40) e não pode começar com um dígito.
# Variables: $row
definition-duplicate = Atributo { $row }: outro atributo tem esta chave.
# Variables: $row
definition-label = Atributo { $row }: precisa de um nome visível (no máximo 60 caracteres).
# Variables: $row
definition-options = Atributo { $row }: uma lista precisa de opções diferentes de no máximo 60 caracteres (no máximo 50 opções).
# Variables: $max
definition-too-many = No máximo { $max } atributos.
retention-range = Guarde as mensagens entre 1 e 3.650 dias, ou para sempre.
settings-subtitle = O que a central guarda sobre os clientes e como protege esses dados.
definitions = Atributos personalizados
definitions-hint = Campos com tipo em cada contato. Agentes, importações e a API precisam gravar valores do tipo certo; segmentos, variáveis de modelo e respostas rápidas os usam.
key = Chave
definition-label-column = Nome visível
kind = Tipo
kinds =
    .text = Texto
    .number = Número
    .date = Data
    .yes-no = Sim / não
    .choice = Um de uma lista
options = Opções, separadas por vírgulas
add-definition = + Atributo
remove = Remover
no-definitions = Nenhum atributo personalizado ainda.
protection = Proteção de dados
mask-numbers = Ocultar os números dos clientes para os agentes
mask-hint = Os agentes leem +34 6•• ••• •12 em todo lugar (lista, conversa, contato, busca, API). Supervisores e administradores leem o número completo.
retention = Guardar mensagens e arquivos
keep-forever = Para sempre
keep-for = Por um número de dias
retention-days = Dias
retention-hint = Todos os dias, mensagens e arquivos mais antigos que isso são apagados. Os contatos, o histórico de consentimento e o registro de auditoria ficam.
# Variables: $when, $messages, $media
last-run = Última execução { $when }: { $messages } mensagens e { $media } arquivos apagados.
# Variables: $when
next-run = Próxima execução: { $when }.
never-run = Ainda não executado.
settings-saved = Salvo.
erase = Apagar contato…
erase-title = Apagar este contato para sempre
# Variables: $messages, $conversations
erase-what = Apaga { $messages } mensagens de { $conversations } conversas com seus arquivos, o número do contato, identidades do WhatsApp, atributos, presença em listas e o histórico de consentimento.
erase-queue = Respostas aguardando envio e mensagens de campanha ainda não enviadas são descartadas. Os relatórios mantêm contagens anônimas; o registro de auditoria anota a exclusão só com o número interno do contato.
erase-irreversible = Não pode ser desfeito.
erase-for-good = Apagar para sempre
keep = Manter o contato
export-data = Exportar dados (ZIP)
