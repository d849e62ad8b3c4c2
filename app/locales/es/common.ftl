warning-minutes = Tiempo de aviso
console-settings = Consola
console-settings-hint = Cómo se comporta la consola de agentes para todo el equipo.
warning-label = Avisar a los agentes cuando la ventana de 24 horas de un cliente cierre en menos de (minutos)
err-not-failed = Este mensaje no falló, así que no hay nada que reintentar.
err-already-retried = Este mensaje ya se reenvió; mira la copia más reciente, abajo.
err-already-open = Este cliente ya tiene otra conversación abierta. Continúa allí.
err-label-name-taken = Ya existe una etiqueta con este nombre (sin distinguir mayúsculas y minúsculas).
err-shortcut-taken = Otra respuesta rápida de la misma lista ya usa este atajo.
err-already-taken = Otra persona tomó esta conversación un momento antes que tú.
err-already-taken-by = { $name } tomó esta conversación un momento antes que tú.
err-not-assignee = Esta conversación está asignada a { $name }. Solo { $name } o un supervisor pueden escribir al cliente; puedes añadir una nota privada.
# Variables: $name, $capacity
err-at-capacity = { $name } ya tiene { $capacity } conversaciones abiertas, su capacidad. Elige a otra persona o aumenta su capacidad.
field-label-name = Nombre de la etiqueta
field-label-description = Descripción
field-label-color = Color
field-shortcut = Atajo
field-quick-reply-title = Título
field-quick-reply-body = Texto
field-snooze-until = Posponer hasta
field-token-name = Nombre del token
err-not-with-bot = Esta conversación ya no está con el bot: ahora la tiene un agente.
err-webhook-private = Esta URL apunta a una dirección de red privada o local. Marca "Permitir direcciones de red privadas" solo si el receptor está de verdad dentro de tu red.
err-webhook-unresolvable = No se encontró el servidor de esta URL. Revisa la dirección.
field-webhook-url = URL del webhook
field-webhook-events = Eventos
field-attributes = Datos del contacto
field-cursor = Página
field-consent-note = Motivo
field-country = País
field-effective-date = Primer día
field-currency = Moneda
err-window-closed-at = La ventana de 24 horas con este cliente se cerró el { $at }. Solo se puede enviar una plantilla aprobada hasta que vuelva a escribir.
err-marketing-opted-out = Este cliente dejó de recibir mensajes de marketing, así que no se le pueden enviar plantillas de marketing. Elige una plantilla de utilidad.
err-marketing-needs-opt-in = El equipo solo envía marketing a clientes que lo aceptaron, y este cliente no lo ha hecho. Registra primero su aceptación (panel del contacto) o elige una plantilla de utilidad.
# Variables: $max (a number)
err-consent-too-many-keywords = Una lista de palabras clave admite como máximo { $max } palabras.
# Variables: $keyword, $max (a number)
err-consent-keyword-too-long = «{ $keyword }» es demasiado larga para una palabra clave (máximo { $max } caracteres).
err-consent-keyword-in-both = «{ $keyword }» está en las dos listas (baja y alta): déjala en una sola.
# Variables: $max (a number)
err-consent-reply-too-long = Una respuesta de confirmación admite como máximo { $max } caracteres.
err-template-unavailable = Esta plantilla no se puede enviar ahora (estado: { $status }). Elige otra o pide a un admin que sincronice las plantillas.
# Variables: $slot, $problem
err-template-value = { $slot }: { $problem }
slot-header = Encabezado
slot-body = Texto del mensaje
slot-header-file = Archivo del encabezado
slot-link = Final del enlace
slot-code = Código de cupón
tp-missing = rellena este campo
tp-too-long = como máximo { $max } caracteres
tp-whitespace = sin saltos de línea, tabuladores ni más de 4 espacios seguidos (WhatsApp los rechaza en plantillas)
tp-not-url = sin espacios: forma parte de una dirección web
tp-part-too-long = demasiado largo una vez relleno (WhatsApp admite { $max } caracteres)
tp-media-missing =
    esta plantilla necesita { $kind ->
        [image] una imagen
        [video] un vídeo
       *[other] un documento
    } en el encabezado
err-window-closed = La ventana de 24 horas con este cliente está cerrada. Ahora solo se puede enviar una plantilla aprobada.
err-not-yours = Esta conversación está asignada a un compañero, así que no puedes abrirla.
err-media-refused = WhatsApp no aceptará este archivo:
err-whatsapp = WhatsApp lo rechazó
sign-in-title = Entra en Buzón
sign-in-subtitle = La bandeja de WhatsApp compartida de tu equipo
email = Correo
password = Contraseña
sign-in = Entrar
signing-in = Entrando…
sign-out = Salir
inbox = Bandeja
dashboard = Panel
reports = Informes
campaigns = Campañas
contacts = Contactos
labels = Etiquetas
quick-replies = Respuestas rápidas
templates = Plantillas
bot = Bot
err-sku-taken = Otro producto ya tiene este SKU.
err-bot-off = El bot está desactivado, así que la conversación no puede volver a él. Un administrador puede activarlo en Bot.
settings = Ajustes
integrations = Integraciones
costs = Costes
contact-settings = Datos de contactos
users = Usuarios
audit = Registro de auditoría
account = Mi cuenta
menu = Menú
forbidden-title = No tienes acceso a esta página
forbidden-body = Tu rol ({ $role }) no puede abrir esta página. Pídeselo a un administrador si lo necesitas.
not-found-title = Página no encontrada
not-found-body = No hay nada en esta dirección.
back-to-inbox = Volver a la bandeja
loading = Cargando…
role-agent = Agente
role-supervisor = Supervisor
role-admin = Administrador
users-subtitle = Quién puede entrar en el buzón y qué puede hacer.
add-user = Añadir usuario
name = Nombre
name-hint = Lo ven tus compañeros
role = Rol
capacity = Capacidad
capacity-hint = Máximo de chats abiertos a la vez
status = Estado
actions = Acciones
active = Activo
disabled = Desactivado
disable = Desactivar
enable = Activar
reset-password = Cambiar contraseña
new-password = Nueva contraseña
create-user = Crear usuario
save = Guardar
cancel = Cancelar
you = tú
user-created = { $email } ya puede entrar.
saved = Guardado.
password-was-reset = Nueva contraseña para { $email }. Sus sesiones se han cerrado.
confirm-disable = ¿Desactivar a { $email }? Su sesión se cierra al momento.
templates-subtitle = Las plantillas de la cuenta de WhatsApp Business. Solo se pueden enviar las aprobadas.
sync-now = Sincronizar
syncing = Sincronizando…
last-synced = Última sincronización: { $at }
never-synced = Aún sin sincronizar
sync-failed = La última sincronización falló: { $why }
no-templates = Aún no hay plantillas. Créalas en el WhatsApp Manager de Meta y sincroniza.
only-approved = A los agentes solo se les ofrecen plantillas aprobadas.
quality = Calidad
rejected-because = Rechazada: { $r }
template-status =
    { $status ->
        [APPROVED] Aprobada
        [PENDING] En revisión
        [REJECTED] Rechazada
        [PAUSED] Pausada
        [DISABLED] Desactivada
        [DELETED] Eliminada
        [IN_APPEAL] En apelación
       *[other] { $status }
    }
settings-subtitle = Cómo se conecta el buzón a WhatsApp. Los valores salen de la configuración del servidor.
whatsapp-connection = Conexión con WhatsApp
webhook = Webhook
phone-number-id = ID del número
business-account-id = ID de la cuenta de empresa
graph-api = Graph API
access-token = Token de acceso
app-secret = Secreto de la app
verify-token = Token de verificación
webhook-url = URL de callback
webhook-url-hint = Da a Meta esta URL (servida por HTTPS) y el token de verificación en el panel de la app.
webhooks-received = Entregas desde el arranque
last-webhook = Última entrega
never = nunca
not-set = sin configurar
# Variables: $at, $what
last-problem = Último problema ({ $at }): { $what }
check-connection = Comprobar conexión
checking = Comprobando…
phone = Teléfono
message = Mensaje
test-message = Enviar un mensaje de prueba
test-message-hint = El texto libre solo puede ir a un número que te escribió en las últimas 24 horas (regla de WhatsApp); si no, Buzón lo rechaza. Para escribir primero, usa las plantillas de la consola.
send-test = Enviar
refresh-status = Actualizar estado
# Variables: $id, $status
test-message-status = Mensaje n.º { $id }: { $status }
account-subtitle = Tu contraseña, tu idioma y tu zona horaria.
change-password = Cambiar contraseña
current-password = Contraseña actual
password-changed = Contraseña cambiada.
language = Idioma
err-invalid-credentials = Correo o contraseña incorrectos.
err-account-disabled = Esta cuenta está desactivada. Pide a un administrador que la active.
err-throttled = Demasiados intentos. Prueba de nuevo en { $s } segundos.
err-busy = El escritorio está muy ocupado ahora mismo. Prueba de nuevo en { $s } segundos.
err-unauthenticated = Tu sesión ha terminado. Vuelve a entrar.
err-forbidden = Tu rol no permite hacer esto.
err-not-found = Eso ya no existe. Recarga la página.
err-email-taken = Ya existe un usuario con ese correo.
err-last-admin = El buzón necesita al menos un administrador activo. Nombra antes a otro.
err-own-account = No puedes hacer eso con tu propia cuenta.
err-read-only = La base de datos es de solo lectura; no se ha guardado nada. Avisa a tu administrador.
err-unavailable = La base de datos está ocupada o no responde; no se ha guardado nada. Prueba en un momento.
err-internal = Algo ha fallado en el servidor. No se ha guardado nada; vuelve a intentarlo.
err-request = No se pudo contactar con el servidor. Revisa tu conexión y vuelve a intentarlo.
problem-empty = { $f }: es obligatorio.
# Variables: $f, $n
problem-too-short = { $f }: al menos { $n } caracteres.
# Variables: $f, $n
problem-too-long = { $f }: como mucho { $n } caracteres.
problem-malformed = { $f }: no parece correcto.
# Variables: $f, $n
problem-out-of-range = { $f }: entre 0 y { $n }.

## What a WhatsApp (Meta) error code means, shown under the code.
meta-131047 = Pasaron más de 24 horas desde el último mensaje del cliente. Envía una plantilla aprobada.
meta-131026 = No se pudo entregar: puede que el número no use WhatsApp o que el cliente deba aceptar nuevas condiciones.
meta-131051 = WhatsApp no admite este tipo de mensaje.
meta-131052 = WhatsApp no pudo procesar el archivo. Prueba otro formato o un archivo más pequeño.
meta-131056 = Demasiados mensajes a este cliente en poco tiempo. Espera un momento y reintenta.
meta-130429 = WhatsApp está limitando la velocidad de envío de este número. Reintenta en un momento.
meta-131049 = WhatsApp decidió no entregar este mensaje de marketing.
meta-131050 = El cliente dejó de recibir mensajes de marketing de esta empresa.
meta-window-expired = No enviado: la ventana de 24 horas del cliente se cerró mientras el mensaje esperaba para salir. Envía una plantilla aprobada.
meta-132000 = Los valores no coinciden con lo que espera la plantilla. Sincroniza las plantillas y vuelve a intentarlo.
meta-132001 = Esta plantilla no existe en este idioma o no está aprobada.
meta-132005 = La plantilla es demasiado larga una vez rellena. Acorta los valores.
meta-132007 = WhatsApp considera que la plantilla rellena incumple su política.
meta-132008 = Un valor tiene un formato incorrecto para esta plantilla (por ejemplo, el tipo de archivo del encabezado).
meta-132015 = La plantilla está en pausa por baja calidad. Elige otra plantilla.
meta-132016 = WhatsApp desactivó la plantilla por baja calidad. Elige otra plantilla.
meta-132018 = Un valor de la plantilla contiene algo que WhatsApp rechaza (saltos de línea, tabuladores o muchos espacios seguidos).
meta-token = El token de acceso de WhatsApp no es válido o no tiene permiso. Avisa a un admin.
meta-other = WhatsApp no pudo entregar este mensaje.

## Dates and relative times.
months-short =
    .jan = ene
    .feb = feb
    .mar = mar
    .apr = abr
    .may = may
    .jun = jun
    .jul = jul
    .aug = ago
    .sep = sept
    .oct = oct
    .nov = nov
    .dec = dic
date = { $day } { $month } { $year }
date-time = { $date }, { $time }
relative-now = ahora mismo
relative-minutes = hace { $n } min
relative-hours = hace { $n } h
relative-days =
    { $n ->
        [one] hace 1 día
       *[other] hace { $n } días
    }

## Por qué un archivo no puede ir a WhatsApp (tras "WhatsApp no aceptará este archivo:").
media-empty = el archivo está vacío.
media-unsupported-type = WhatsApp no admite archivos { $mime }.
media-too-large =
    { $kind ->
        [image] las imágenes pueden tener como mucho { $mb } MB.
        [video] los vídeos pueden tener como mucho { $mb } MB.
        [audio] los audios pueden tener como mucho { $mb } MB.
        [sticker] los stickers pueden tener como mucho { $mb } MB.
        [document] los documentos pueden tener como mucho { $mb } MB.
       *[other] el archivo supera lo que admite WhatsApp ({ $mb } MB como mucho).
    }
media-incomplete = el archivo no llegó completo. Inténtalo de nuevo.
media-not-for-header = el encabezado de una plantilla admite una imagen (JPEG, PNG), un vídeo (MP4) o un documento (PDF…), no { $mime }.
media-wrong-header-kind =
    el encabezado de la plantilla necesita { $needs ->
        [image] una imagen
        [video] un vídeo
       *[document] un documento
    }, no { $got ->
        [image] una imagen
        [video] un vídeo
       *[document] un documento
    }.
media-expired = WhatsApp guarda los archivos subidos 30 días y este es más antiguo. Súbelo de nuevo.
media-caption-too-long = el pie de foto supera los { $max } caracteres.

## La conexión con WhatsApp (Ajustes): la comprobación y el registro de problemas.
connected =
    { $templates ->
        [one] Conectado: la cuenta de empresa responde (1 plantilla en la primera página).
       *[other] Conectado: la cuenta de empresa responde ({ $templates } plantillas en la primera página).
    }
link-template-sync = Falló la sincronización de plantillas.
link-media-upload = Falló la subida de un archivo a WhatsApp.
link-webhook-signature = Se rechazó una entrega con firma incorrecta o sin firma (revisa WHATSAPP_APP_SECRET).
link-webhook-malformed = Se rechazó una entrega que no tiene el formato de WhatsApp.
link-webhook-not-saved = No se pudo guardar una entrega; WhatsApp la enviará de nuevo.
link-connection-check = Falló la comprobación de la conexión.

## Cuenta: la zona horaria de las horas.
time-zone = Zona horaria
time-zone-hint = Las horas del escritorio se muestran en { $zone }. Deja el campo vacío para seguir la zona horaria de la empresa (ajustes de Informes).
time-zone-own = Mi zona horaria
time-zone-business = La zona horaria de la empresa

## Duraciones, porcentajes y dinero en informes y en el panel. Los números llegan formateados.
duration-under-minute = <1 min
duration-minutes = { $m } min
duration-hours = { $h } h
duration-hours-minutes = { $h } h { $m } min
duration-days = { $d } d
duration-days-hours = { $d } d { $h } h
percent = { $n } %
money = { $amount } { $currency }
