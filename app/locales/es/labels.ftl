subtitle = Las etiquetas ordenan las conversaciones. Los agentes las ponen desde la conversación (tecla l) y filtran la bandeja por ellas.
new-label = Nueva etiqueta
name = Nombre
color = Color
description = Descripción
description-hint = Cuándo usarla (opcional)
create = Crear etiqueta
edit = Editar
save = Guardar
cancel = Cancelar
delete = Borrar
empty = Aún no hay etiquetas. Crea la primera arriba.
loading = Cargando…
# Names of the palette's colours, in palette order.
colors =
    .item-1 = Gris
    .item-2 = Rojo
    .item-3 = Naranja
    .item-4 = Ámbar
    .item-5 = Verde
    .item-6 = Verde azulado
    .item-7 = Celeste
    .item-8 = Azul
    .item-9 = Violeta
    .item-10 = Rosa
conversations =
    { $n ->
        [one] 1 conversación
        *[other] { $n } conversaciones
    }
created = Etiqueta «{ $name }» creada.
saved = Etiqueta «{ $name }» guardada.
# Variables: $name, $n
deleted =
    { $n ->
        [0] Etiqueta «{ $name }» borrada.
        [one] Etiqueta «{ $name }» borrada y quitada de 1 conversación.
        *[other] Etiqueta «{ $name }» borrada y quitada de { $n } conversaciones.
    }
# Variables: $name, $n
confirm =
    { $n ->
        [0] ¿Borrar «{ $name }»? Ninguna conversación la lleva.
        [one] ¿Borrar «{ $name }»? Está en 1 conversación; se quitará de ella.
        *[other] ¿Borrar «{ $name }»? Está en { $n } conversaciones; se quitará de ellas.
    }
