## The console's "New conversation" dialog and the contact panel's consent section.

new-conversation = Nueva conversación
new-conversation-hint = Escribe primero a un cliente: un contacto o cualquier número de WhatsApp (atajo: c)
to = Para
search-placeholder = Nombre, teléfono o usuario
country = País
write-to-number = Escribir a { $number }
no-matches = No se encontró a nadie. Escribe el número completo para escribirle.
not-a-number = Todavía no es un número válido para este país.
change-recipient = Cambiar
already-open = { $name } ya tiene una conversación abierta.
open-it = Abrirla
window-open = Su ventana de 24 horas está abierta: puedes escribir libremente.
window-closed = Fuera de la ventana de 24 horas solo una plantilla aprobada puede iniciar la conversación.
unreachable = WhatsApp indicó que este número no puede recibir mensajes. Quizá no tenga WhatsApp.
message = Mensaje
send = Enviar
sending = Enviando…
cancel = Cancelar
new-number = Número nuevo

## The contact panel's consent section.
consent-history = Historial de consentimiento
consent-change = Cambiar
consent-record = Registrar consentimiento
consent-reason = Motivo (obligatorio)
consent-reason-placeholder = p. ej. Pidió por teléfono el 3 de mayo recibir ofertas
consent-save = Guardar
consent-none = Aún no hay cambios registrados.
# The source of a consent change.
consent-source =
    .keyword = palabra clave
    .button = botón
    .form = formulario
    .import = importación
    .agent = agente
    .api = API
    .whatsapp = ajuste de WhatsApp
    .meta-refusal = WhatsApp rechazó un mensaje de marketing
unreachable-contact = ¿Sin WhatsApp?
unreachable-contact-hint = WhatsApp indicó que este número no puede recibir mensajes (131026).
