## The console's "New conversation" dialog and the contact panel's consent section.

new-conversation = Nova conversa
new-conversation-hint = Escreva primeiro a um cliente: um contato ou qualquer número de WhatsApp (atalho: c)
to = Para
search-placeholder = Nome, telefone ou usuário
country = País
write-to-number = Escrever para { $number }
no-matches = Ninguém encontrado. Digite o número completo para escrever para ele.
not-a-number = Ainda não é um número válido para este país.
change-recipient = Trocar
already-open = { $name } já tem uma conversa aberta.
open-it = Abrir
window-open = A janela de 24 horas está aberta: você pode escrever livremente.
window-closed = Fora da janela de 24 horas, só um modelo aprovado pode iniciar a conversa.
unreachable = O WhatsApp informou que este número não pode receber mensagens. Talvez não tenha WhatsApp.
message = Mensagem
send = Enviar
sending = Enviando…
cancel = Cancelar
new-number = Número novo

## The contact panel's consent section.
consent-history = Histórico de consentimento
consent-change = Alterar
consent-record = Registrar consentimento
consent-reason = Motivo (obrigatório)
consent-reason-placeholder = ex.: Pediu por telefone em 3 de maio para receber ofertas
consent-save = Salvar
consent-none = Nenhuma alteração registrada ainda.
# The source of a consent change.
consent-source =
    .keyword = palavra-chave
    .button = botão
    .form = formulário
    .import = importação
    .agent = agente
    .api = API
    .whatsapp = configuração do WhatsApp
    .meta-refusal = o WhatsApp recusou uma mensagem de marketing
unreachable-contact = Sem WhatsApp?
unreachable-contact-hint = O WhatsApp informou que este número não pode receber mensagens (131026).
