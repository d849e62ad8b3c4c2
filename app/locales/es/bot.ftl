title = Bot
subtitle = El bot atiende primero a los clientes: los saluda con un menú, responde tus preguntas frecuentes, busca productos en tu catálogo y pasa la conversación al equipo cuando se lo piden o cuando no puede ayudar.
loading = Cargando…
enabled-label = Bot activado
enabled-on = Activado: las conversaciones nuevas empiezan con el bot
enabled-off = Desactivado: las conversaciones nuevas van directas a la cola
switch-hint = Se aplica al guardar.
switch-off-hint = Al guardar, todas las conversaciones que sigan con el bot pasan a la cola, para que ningún cliente espere a un bot que ya no contesta.
unsaved = Cambios sin guardar
save = Guardar
saving = Guardando…
save-hint = Guarda juntos General, Menú, Horario y el interruptor
saved =
    { $handed_off ->
        [0] Guardado. El bot usa la nueva configuración desde el próximo mensaje.
        [one] Guardado. El bot está desactivado: 1 conversación que tenía pasó a la cola.
        *[other] Guardado. El bot está desactivado: { $handed_off } conversaciones que tenía pasaron a la cola.
    }
to-fix = Para poder guardar:
tab-general = General
tab-menu = Menú
tab-hours = Horario
tab-faq = Preguntas
tab-catalog = Catálogo
tab-test = Probar
tab-report = Informe
conversation = Saludo y menú
greeting = Saludo
greeting-hint = Se envía con el menú cuando un cliente escribe por primera vez y cada vez que pide el menú.
menu-button = Botón de la lista
menu-button-hint = Si el menú tiene más de tres entradas, WhatsApp lo muestra como una lista tras este botón.
human-option = Opción «Hablar con alguien»
human-option-hint = La última entrada de cada menú: pasa la conversación al equipo.
understanding = Comprensión y traspaso
handoff-words = Palabras de traspaso
handoff-words-hint = Sepáralas con comas o saltos de línea. Un mensaje con cualquiera de ellas pasa directamente al equipo.
misunderstandings = Malentendidos
misunderstandings-hint = Mensajes seguidos que el bot no entiende antes de pasar la conversación (1–10).
threshold = Umbral de coincidencia
threshold-hint = Qué seguridad necesita el bot para responder con una pregunta frecuente (20–95). Más bajo responde más, y adivina más.
quiet = Resolver tras silencio
quiet-hint = Minutos sin respuesta tras la respuesta del bot antes de que resuelva la conversación. 0: nunca.
what-it-says = Lo que dice el bot
what-it-says-hint = Todos los demás mensajes, con tus palabras. Puedes usar emoji; los límites de WhatsApp se cuentan mientras escribes.
language = Idioma del bot
reset-texts = Restablecer textos en este idioma
reset-hint = Sustituye el saludo, las etiquetas de los botones y todos los mensajes de abajo por los predeterminados del idioma elegido. El menú, las preguntas y el catálogo se mantienen.
reset-confirm = ¿Sustituir el saludo, las etiquetas de los botones y todos los mensajes del bot por los predeterminados del idioma elegido?
text-groups =
    .item-1 = Cuando no entiende
    .item-2 = Después de una respuesta
    .item-3 = Búsqueda en el catálogo
    .item-4 = Al pasar la conversación al equipo
menu-title = Menú
menu-hint = Lo que el cliente puede tocar. Hasta 9 opciones por menú; los submenús pueden llegar a 3 niveles. «Hablar con alguien» se añade siempre al final.
human-always-last = se añade automáticamente
# Variables: $count, $max
add-option = Añadir opción ({ $count }/{ $max })
option-title = Título
option-description = Descripción (se ve en las listas)
option-description-hint = Opcional
action = Al tocarla
action-answer = Responder con un texto
action-submenu = Abrir un submenú
action-catalog = Buscar en el catálogo
action-human = Hablar con alguien
answer = Respuesta
submenu-text = Texto sobre el submenú
move-up = Subir
move-down = Bajar
delete-option-confirm = ¿Eliminar esta opción?
delete-option-confirm-named = ¿Eliminar la opción «{ $title }» (y su submenú, si lo tiene)?
drop-submenu-confirm = El submenú de esta opción tiene opciones. ¿Cambiar la acción y eliminarlas?
preview = Vista previa
preview-hint = Hasta tres entradas se muestran como botones; más, como una lista. Incluye los cambios sin guardar.
list-opened = Lista abierta
image = Imagen
other-message = Otro tipo de mensaje
hours-title = Horario de atención
hours-hint = Fuera de este horario el bot sigue pasando la conversación cuando se lo piden, pero avisa al cliente de cuándo vuelve el equipo.
hours-enabled = El equipo trabaja en un horario (desactivado: siempre hay alguien)
timezone = Zona horaria
timezone-hint = La zona horaria del horario, con su nombre IANA (Región/Ciudad).
weekdays =
    .item-1 = Lunes
    .item-2 = Martes
    .item-3 = Miércoles
    .item-4 = Jueves
    .item-5 = Viernes
    .item-6 = Sábado
    .item-7 = Domingo
open = Abierto
from = Abre a las
to = a
midnight-hint = Un cierre a las 00:00 significa medianoche, al final del día.
faq-new = Nueva pregunta frecuente
faq-edit = Editar pregunta frecuente
faq-hint = Una respuesta, preguntada de varias formas. Escribe las preguntas como las escriben los clientes; el bot reconoce variaciones y faltas de ortografía.
faq-title = Título
faq-title-hint = Corto: se muestra como botón cuando el bot pregunta «¿Te refieres a…?».
faq-phrasings = Preguntas
faq-phrasings-placeholder =
    ¿Cuánto tarda el envío?
    ¿Cuándo llega mi pedido?
faq-phrasings-hint = Una por línea, de hasta { $max } caracteres.
faq-answer = Respuesta
faq-list = Preguntas frecuentes ({ $n })
faq-none = No hay entradas.
faq-phrasings-count =
    { $n ->
        [one] 1 pregunta
        *[other] { $n } preguntas
    }
faq-saved = Pregunta frecuente «{ $title }» guardada.
faq-deleted = Pregunta frecuente «{ $title }» eliminada.
faq-delete-confirm = ¿Eliminar la pregunta frecuente «{ $title }»?
add-entry = Añadir entrada
save-entry = Guardar cambios
cancel = Cancelar
edit = Editar
delete = Eliminar
search = Buscar…
product-new = Nuevo producto
product-edit = Editar producto
product-name = Nombre
product-sku = SKU
product-price = Precio
product-description = Descripción
product-link = Enlace
product-image = Dirección de la imagen
product-image-hint = Una dirección https pública de una foto; el bot la envía con los datos del producto.
add-product = Añadir producto
products-list = Catálogo ({ $n })
products-none = No hay productos.
product-saved = Producto «{ $name }» guardado.
product-deleted = Producto «{ $name }» eliminado.
product-delete-confirm = ¿Eliminar el producto «{ $name }»?
yes = Sí
no = No
csv-title = Importar desde CSV
# Variables: $rows, $mb
csv-hint = Añade o actualiza muchos productos a la vez. Las filas con un SKU que ya está en el catálogo actualizan ese producto; las demás se añaden. Hasta { $rows } filas y { $mb } MB.
csv-choose = Elige un archivo CSV…
csv-chosen = { $name }: listo para importar
csv-paste = …o pega aquí el CSV
csv-import = Importar
csv-importing = Importando…
# Variables: $created, $updated
csv-done = Importado: { $created } añadidos, { $updated } actualizados.
csv-rejected =
    { $n ->
        [one] 1 fila se quedó fuera:
        *[other] { $n } filas se quedaron fuera:
    }
csv-line = Línea
csv-reason = Motivo
csv-format = Formato
csv-columns =
    .name = obligatoria: el nombre del producto
    .sku = tu código; actualiza el producto con el mismo código
    .description = lo que el bot muestra y busca
    .price = como lo escribas: $59.990, 12 € / mes
    .link = la página del producto (http o https)
    .image = una dirección https pública de una foto
csv-rules = La primera línea nombra las columnas, en cualquier orden, con mayúsculas o minúsculas; las demás columnas se ignoran. Separa con comas o punto y coma; pon entre comillas los valores que los contengan. Guarda desde tu hoja de cálculo como «CSV UTF-8».
csv-sample = Descargar este ejemplo
trial-title = Probar el bot
trial-hint = Escribe lo que escribiría un cliente. La respuesta usa la configuración, las preguntas y el catálogo GUARDADOS, como si el cliente ya hubiera recibido el saludo; no se envía nada a nadie.
trial-unsaved = Tienes cambios sin guardar: guárdalos para probarlos aquí.
trial-placeholder = ¿Cuánto cuesta el envío a Monterrey?
trial-submit = Probar
why = Por qué
ends-handoff = La conversación pasaría al equipo: { $reason }.
ends-resolved = El bot resolvería la conversación.
handoff-word-seen = El mensaje contiene una palabra de traspaso.
handoff-word-not-seen = El mensaje no contiene palabras de traspaso.
faq-scores = Preguntas más parecidas
faq-scores-none = Ninguna pregunta frecuente se parece a este mensaje.
product-scores = Productos que coinciden
product-scores-none = Ningún producto coincide.
why-greeting = Es el primer mensaje: el bot saluda y muestra el menú.
why-menu = El cliente pidió el menú.
# Variables: $title, $score
why-faq = Coincide con la pregunta frecuente «{ $title }» ({ $score }).
why-did-you-mean = Varias preguntas coinciden casi igual ({ $which }), así que el bot pregunta a cuál se refiere.
why-option = Se eligió la opción del menú { $id }.
why-search-prompt = El bot pregunta qué busca el cliente.
why-catalog = Ninguna pregunta coincide lo suficiente; { $n } productos sí, así que el bot los muestra.
why-no-results = La búsqueda en el catálogo no encontró nada.
why-product = El cliente pidió el producto «{ $name }».
why-handoff-word = El mensaje contiene una palabra de traspaso.
why-handoff-choice = El cliente eligió hablar con alguien.
why-misunderstood = No se entendió ({ $count } seguidos): el bot vuelve a mostrar el menú, o pasa la conversación al llegar al límite.
why-media = El bot no puede atender este tipo de mensaje, así que pasa la conversación.
why-done = El cliente dijo que ya había terminado.
why-ignored = No hay nada que responder.
report-title = Últimos 7 días
report-hint = Conversaciones que empezaron con el bot en los últimos 7 días.
report-handled = Atendidas por el bot
report-with-bot = Con el bot ahora
report-resolved = Resueltas por el bot
report-confirmed = El cliente confirmó que había terminado
report-quiet = El cliente dejó de escribir tras una respuesta
report-handed-off = Pasadas al equipo
report-taken-over = Tomadas por un agente
report-mean = Tiempo medio hasta el traspaso
minutes =
    { $m ->
        [one] 1 min
        *[other] { $m } min
    }

## The switch for answering customers in their own language.
customer-language = Responder a cada cliente en su idioma
customer-language-hint = Los clientes que escriben en otro idioma del escritorio (inglés, español, portugués de Brasil) reciben el saludo, los botones y estas frases con la redacción propia del escritorio en su idioma. El menú, las preguntas y el catálogo quedan como los escribiste.
