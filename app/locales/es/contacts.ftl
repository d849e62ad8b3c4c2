subtitle = Todas las personas que escribieron al número o se añadieron a él. Busca, filtra y abre la ficha de un contacto.
search = Buscar
search-hint = Nombre, número, usuario o el valor de un atributo
sort = Orden
sorts =
    .last-contact = Último mensaje primero
    .newest = Más recientes primero
    .name = Nombre A–Z
blocked-filters =
    .any = Con bloqueados
    .only = Solo bloqueados
    .hidden = Sin bloqueados
label = Etiqueta
any-label = Cualquier etiqueta
consent = Marketing
any-consent = Cualquier consentimiento
consents =
    .unknown = Sin preguntar
    .opted-in = Aceptó
    .opted-out = Rechazó
country = País
country-hint = ES, BR…
last-contact = Último mensaje
last-contacts =
    .any = Cuando sea
    .within-7 = En los últimos 7 días
    .within-30 = En los últimos 30 días
    .within-90 = En los últimos 90 días
    .not-within-90 = No en los últimos 90 días
attribute = Atributo
any-attribute = Atributo…
attribute-value = contiene…
export = Exportar CSV
col-name = Nombre
col-phone = Número
col-labels = Etiquetas
col-marketing = Marketing
col-last = Último mensaje
blocked = Bloqueado
never = Nunca
empty = Ningún contacto coincide.
more = Ver más
loading = Cargando…
back = ← Todos los contactos
identities = Identidades de WhatsApp
phone = Número
bsuid = ID de usuario de WhatsApp
username = Usuario
added = Alta
writes-in = Escribe en
attributes = Atributos
add-attribute = + Otro atributo
attribute-name = Nombre
save = Guardar
saved = Guardado
labels = Etiquetas
no-labels = Sus conversaciones no tienen etiquetas.
conversations = Conversaciones
no-conversations = Aún no hay conversaciones.
# Variables: $count
messages-count = { $count ->
    [one] { $count } mensaje
   *[other] { $count } mensajes
}
open = Abrir
unassigned = Sin asignar
campaigns = Campañas
no-campaigns = No se le ha enviado ninguna campaña.
consent-history = Historial del consentimiento de marketing
no-consent-history = Ningún cambio registrado.
new-conversation = Nueva conversación
block = Bloquear
unblock = Desbloquear
block-confirm = ¿Bloquear este contacto? Sus mensajes se conservan, pero no avisan a nadie y quedan fuera de la cola.
# Variables: $when, $who
blocked-since = Bloqueado desde { $when } por { $who }.
# Variables: $when
blocked-since-unknown = Bloqueado desde { $when }.
yes = Sí
no = No
value-problems =
    .not-a-number = debe ser un número
    .not-a-date = debe ser una fecha (AAAA-MM-DD)
    .not-yes-no = debe ser sí o no
    .not-an-option = debe ser una de sus opciones
    .too-long = es demasiado largo (500 caracteres como máximo)
    .bad-key = necesita un nombre de 60 caracteres como máximo
    .too-many = demasiados
# Variables: $attribute, $problem
attribute-refused = «{ $attribute }» { $problem }.
# Variables: $max
too-many-attributes = Un contacto guarda como máximo { $max } atributos.
# Variables: $row
definition-key = Atributo { $row }: la clave admite minúsculas, dígitos y _ (40 como máximo) y no puede empezar por un dígito.
# Variables: $row
definition-duplicate = Atributo { $row }: otro atributo tiene esta clave.
# Variables: $row
definition-label = Atributo { $row }: necesita un nombre visible (60 caracteres como máximo).
# Variables: $row
definition-options = Atributo { $row }: una lista necesita opciones distintas de 60 caracteres como máximo (50 opciones como máximo).
# Variables: $max
definition-too-many = Como máximo { $max } atributos.
retention-range = Conserva los mensajes entre 1 y 3650 días, o para siempre.
settings-subtitle = Qué guarda el buzón sobre los clientes y cómo lo protege.
definitions = Atributos personalizados
definitions-hint = Campos con tipo en cada contacto. Agentes, importaciones y la API deben escribir valores del tipo correcto; los segmentos, las variables de plantilla y las respuestas rápidas los usan.
key = Clave
definition-label-column = Nombre visible
kind = Tipo
kinds =
    .text = Texto
    .number = Número
    .date = Fecha
    .yes-no = Sí / no
    .choice = Uno de una lista
options = Opciones, separadas por comas
add-definition = + Atributo
remove = Quitar
no-definitions = Aún no hay atributos personalizados.
protection = Protección de datos
mask-numbers = Ocultar los números de los clientes a los agentes
mask-hint = Los agentes leen +34 6•• ••• •12 en todas partes (lista, conversación, contacto, búsqueda, API). Supervisores y administradores leen el número completo.
retention = Conservar mensajes y archivos
keep-forever = Para siempre
keep-for = Un número de días
retention-days = Días
retention-hint = Cada día se borran los mensajes y archivos más antiguos. Los contactos, su historial de consentimiento y el registro de auditoría se conservan.
# Variables: $when, $messages, $media
last-run = Última ejecución { $when }: { $messages } mensajes y { $media } archivos borrados.
# Variables: $when
next-run = Próxima ejecución: { $when }.
never-run = Aún no se ha ejecutado.
settings-saved = Guardado.
erase = Borrar contacto…
erase-title = Borrar este contacto para siempre
# Variables: $messages, $conversations
erase-what = Borra { $messages } mensajes de { $conversations } conversaciones con sus archivos, el número del contacto, sus identidades de WhatsApp, atributos, su presencia en listas y el historial de consentimiento.
erase-queue = Se descartan las respuestas pendientes de envío y los mensajes de campaña aún no enviados. Los informes conservan recuentos anónimos; el registro de auditoría anota el borrado solo con el número de contacto interno.
erase-irreversible = No se puede deshacer.
erase-for-good = Borrar para siempre
keep = Conservar el contacto
export-data = Exportar datos (ZIP)
