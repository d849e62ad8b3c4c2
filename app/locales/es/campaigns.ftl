subtitle = Envía una plantilla aprobada a un segmento de tus contactos, dentro de los límites de WhatsApp y del consentimiento de tus clientes. Se sigue el mensaje de cada destinatario hasta que lo lee o responde.
new-campaign = Nueva campaña
loading = Cargando…
empty = Aún no hay campañas. Crea la primera con «Nueva campaña».
back = ← Todas las campañas
name = Nombre
name-hint = Rebajas de invierno, recordatorios de pedido…
state = Estado
start = Inicio
state-scheduled = Programada
state-running = Enviando
state-paused = En pausa
state-stopped = Detenida
state-cancelled = Cancelada
state-finished = Terminada
step-targeted = Destinatarios
step-queued = En espera
step-sent = Enviados
step-delivered = Entregados
step-read = Leídos
step-replied = Respondidos
step-failed = Fallidos
step-limited = Limitados por WhatsApp
step-opted-out = Dados de baja
step-skipped = Excluidos
pause = Pausar
resume = Reanudar
cancel = Cancelar campaña
retry-limited = Reenviar a los que WhatsApp limitó
failed-by-code = Fallos por código de WhatsApp:
skipped-by-reason = Excluidos:
cost-estimated = Estimado:
cost-charged = cobrado por WhatsApp hasta ahora:
new-from-these = Nueva campaña para estos
export-csv = Exportar CSV
nobody = Nadie aquí.
settings-title = Reglas de campañas
# Variables: $hours
cap-summary = como mucho un mensaje de marketing cada { $hours } h
tier = Límite de mensajes de tu número
tier-hint = Como lo muestra WhatsApp Manager: clientes únicos a los que puedes escribir fuera de una conversación en 24 horas.
# Variables: $n
tier-limit = { $n } clientes al día
tier-unlimited = Ilimitado
frequency-cap = Límite de frecuencia (horas)
frequency-cap-hint = Un cliente que recibió un mensaje de marketing en este tiempo no recibe el marketing de ninguna campaña. 0 lo desactiva.
reserved = Capacidad reservada a las personas (%)
reserved-hint = Las campañas nunca usan esta parte de los mensajes por segundo del número: la necesitan las respuestas de los agentes y los mensajes de los clientes. Con 0 las campañas lo usan todo (las respuestas de los agentes siguen saliendo antes).
save = Guardar
saved = Guardado.
audience = Audiencia
counting = Contando…
# Variables: $count, $shown
contacts-count =
    { $count ->
        [one] { $shown } contacto
       *[other] { $shown } contactos
    }
count-unavailable = Aún no se puede contar
start-from-segment = Partir de un segmento guardado
no-segment = — un filtro nuevo —
labels = Etiquetas de sus conversaciones
no-labels = Aún no hay etiquetas.
label-ignored = Da igual
label-any = Una de estas
label-all = Debe tener
label-none = No debe tener
consent = Consentimiento de marketing
consent-opted-in = Aceptado
consent-unknown = Sin preguntar
consent-opted-out = Dado de baja
conversation = Conversación ahora
countries = Países de sus números (códigos ISO)
last-message = Su último mensaje
any-time = Cuando sea
within-days = En los últimos … días
not-within-days = No en los últimos … días
days = Días
previous-campaign = Una campaña anterior
no-previous = — cualquiera —
save-as-segment = Guardar este filtro como segmento
segment-name = Nombre del segmento
save-segment = Guardar segmento
# Variables: $name
segment-saved = Guardado como «{ $name }».
attributes = Atributos del contacto
attribute-name = Atributo
attribute-value = Valor
remove = Quitar
add-attribute = + Añadir una condición de atributo
message = Mensaje
no-templates = Aún no hay plantillas aprobadas de marketing o utilidad. Las plantillas se sincronizan desde WhatsApp en la pantalla Plantillas.
template = Plantilla aprobada
choose-template = — elige una plantilla —
values = Valores
value-from = Valor de
fixed-text = Texto
fallback = Si no tiene
fallback-hint = Un destinatario sin valor ni alternativa queda excluido (y contado) en vez de recibir un mensaje roto.
header-file-hint = Se elige una vez y va a todos. WhatsApp guarda un archivo 30 días: una campaña que termine después se rechaza.
buttons = Qué hacen los botones
button-nothing = Nada especial
button-opt-out = Da de baja del marketing
button-person = Pasa el cliente a una persona
# Variables: $name
button-label = Añade la etiqueta { $name }
replies-to = Las respuestas van a
replies-bot = Primero el bot (si está activo)
replies-queue = La cola del equipo
preview = Vista previa
show-preview = Mostrar
preview-hint = Mira el mensaje como lo recibirá cada destinatario.
# Variables: $index, $total
recipient-of = Destinatario { $index } de { $total }
# Variables: $value
skipped-for-value = Este destinatario no tiene { $value } ni alternativa: quedaría excluido.
test-number = Enviar una prueba a
send-test = Enviar prueba
test-sent = Prueba enviada. Abre una conversación en la bandeja.
schedule = Cuándo
start-at = Empezar el (vacío: ahora)
# Variables: $zone
start-hint = En la zona horaria del negocio ({ $zone }).
rate = Mensajes por segundo
# Variables: $default, $max
rate-hint = Vacío: { $default }. Como mucho { $max }: el resto queda para las respuestas de los agentes.
quiet-hours = Horas de silencio: no enviar entre
quiet-from = Silencio desde
quiet-to = Silencio hasta
over-limit = Si es mayor que lo que queda del límite de mensajes
over-limit-spread = Enviar el resto en los días siguientes
over-limit-refuse = No lanzarla
review = Revisión
check = Comprobar
review-hint = Comprueba qué hará el lanzamiento: quién lo recibe, quién queda fuera y por qué, el coste y el límite de mensajes.
launch-now = Lanzar ahora
schedule-launch = Programar
recipients = Destinatarios
# Variables: $n
of-audience = de { $n } en la audiencia
left-out = Excluidos
nobody-left-out = Nadie.
estimated-cost = Coste estimado por mercado
no-price = sin precio en la tarifa
total = Total
# Variables: $tier, $used, $left
limit-line = Límite de mensajes: { $tier }; { $used } alcanzados en las últimas 24 horas; quedan { $left }.
# Variables: $days
limit-spread = Es mayor que lo que queda hoy: se envía a lo largo de { $days } días.
# Variables: $recipients, $left
limit-refused = { $recipients } destinatarios, pero solo quedan { $left } del límite de mensajes. Elige enviar el resto en los días siguientes o reduce la audiencia.
reasons =
    .opted-out = se dio de baja
    .needs-opt-in = nunca aceptó (tu equipo lo exige para campañas)
    .frequency-cap = recibió marketing hace poco (límite de frecuencia)
    .unreachable = no está en WhatsApp
    .no-address = sin número al que escribir
    .duplicate = repetido
    .variables = le falta un valor
    .cancelled = campaña cancelada
    .erased = datos borrados a petición
recipient-states =
    .queued = En espera
    .sending = Enviando
    .sent = Enviado
    .delivered = Entregado
    .read = Leído
    .replied = Respondió
    .failed = Falló
    .skipped = Excluido
    .limited = Limitado por WhatsApp
    .opted-out = Dado de baja
conversation-states =
    .bot = Con el bot
    .open = Con el equipo
    .snoozed = Pospuesta
    .resolved = Resuelta
    .never = Nunca escribió
outcomes =
    .received = la recibió
    .read = la leyó
    .replied = respondió
    .not-read = no la leyó
    .limited = fue limitado por WhatsApp
operators =
    .equals = es
    .contains = contiene
    .present = tiene valor
    .absent = está vacío
    .before = es una fecha anterior a
    .after = es una fecha posterior a
    .above = es un número mayor que
    .below = es un número menor que
sources =
    .first-name = Nombre de pila
    .name = Nombre completo
    .phone = Número de teléfono
    .attribute = Atributo del contacto
    .fixed = El mismo texto para todos
    .column = Una columna de la lista
slot-parts =
    .header = encabezado
    .body = texto
    .button = enlace del botón
    .code = código de cupón
# Variables: $status
stop-template = Detenida por el sistema: WhatsApp puso la plantilla en { $status }. Reanúdala cuando vuelva a estar aprobada.
# Variables: $rating
stop-quality = Detenida por el sistema: la calidad de tu número bajó a { $rating }.
# Variables: $code
stop-meta-limit = Detenida por el sistema: WhatsApp indicó que el número alcanzó un límite ({ $code }).
problem-name-missing = Ponle un nombre a la campaña.
problem-name-too-long = El nombre es demasiado largo.
problem-segment-name-taken = Ya existe un segmento con ese nombre.
# Variables: $n
problem-attribute-key = La condición de atributo { $n } necesita el nombre del atributo.
# Variables: $n
problem-attribute-value = La condición de atributo { $n } necesita un valor del tipo adecuado (una fecha AAAA-MM-DD o un número).
# Variables: $code
problem-country = «{ $code }» no es un código de país.
problem-days = El número de días debe estar entre 1 y 3650.
# Variables: $value
problem-unmapped = Indica de dónde sale { $value }.
# Variables: $value
problem-empty-fixed = Escribe el texto de { $value }.
problem-header-media = Esta plantilla necesita una imagen, un vídeo o un documento de encabezado; las campañas aún no pueden enviarlos.
problem-template-category = Las campañas envían plantillas de marketing o de utilidad.
problem-start-malformed = El inicio no es una fecha y hora.
problem-start-past = El inicio ya pasó.
problem-start-too-far = El inicio está a más de un año.
problem-quiet-hours = Las horas de silencio deben empezar y acabar a horas distintas.
# Variables: $max
problem-rate = Como mucho { $max } mensajes por segundo: el resto queda para las respuestas de los agentes.
problem-no-recipients = Nadie recibiría esta campaña: toda la audiencia queda excluida.
# Variables: $recipients, $left
problem-over-limit = { $recipients } destinatarios, pero solo quedan { $left } del límite de mensajes.
# Variables: $state
problem-not-now = No es posible mientras la campaña está { $state }.
# Variables: $when
problem-cool-down = WhatsApp pide esperar 24 horas antes de volver a escribir a quienes limitó: posible desde { $when }.
problem-frequency-cap = El límite de frecuencia es de 744 horas (un mes) como mucho.
problem-reserved = Como máximo se puede reservar el { $max } % de la capacidad.

## Lists (CSV)
column-name = Nombre de la columna
audience-from-filter = Personas que cumplen un filtro
audience-from-list = Una lista (archivo CSV)
list-upload = Subir un archivo CSV
list-hint = Una fila por persona: una columna con el teléfono (phone, teléfono, telefone…) o el id de usuario de WhatsApp (bsuid), una columna con el nombre si quieres; cualquier otra columna puede rellenar los valores de la plantilla. Los números sin + se leen en el país de tu negocio.
list-opted-in = Todas las personas de este archivo aceptaron recibir nuestro marketing (se registra como su consentimiento, origen: importación; nunca sobre una baja)
# Variables: $percent
list-uploading = Leyendo el archivo… { $percent } %
list-earlier = O usa una lista anterior
list-none = Aún no has elegido una lista.
# Variables: $accepted, $created, $rejected
list-summary = Aceptadas: { $accepted } · contactos nuevos: { $created } · filas rechazadas: { $rejected }
# Variables: $columns
list-columns = Columnas para la plantilla: { $columns }
list-rejected-title = Filas rechazadas
list-line = Línea
list-why = Motivo
list-download-rejected = Descargar las filas rechazadas (CSV)
list-empty = El archivo está vacío: necesita una fila de encabezado y al menos una persona.
list-not-csv = No es un archivo de texto CSV (guárdalo desde tu hoja de cálculo como «CSV UTF-8»).
# Variables: $mb
list-too-large = El archivo pesa más de { $mb } MB.
# Variables: $max
list-too-many-rows = Una lista admite como máximo { $max } personas.
# Variables: $max
list-too-many-columns = Una lista admite como máximo { $max } columnas.
list-no-address-column = No hay columna con el teléfono (phone, teléfono, telefone…) ni con el id de usuario de WhatsApp (bsuid).
# Variables: $name
list-duplicate-column = Hay dos columnas llamadas «{ $name }».
# Variables: $expected, $got
row-fields = { $got } campos donde el encabezado tiene { $expected }
row-no-address = Sin teléfono ni id de usuario de WhatsApp
row-phone-malformed = El teléfono no es un número de teléfono
row-phone-invalid = El número no es válido en su país
row-user-id = No es un id de usuario de WhatsApp (como US.1234…)
# Variables: $line
row-duplicate = La misma persona que la línea { $line }
# Variables: $column
row-too-long = «{ $column }» es demasiado largo
