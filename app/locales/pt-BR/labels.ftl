subtitle = As etiquetas organizam as conversas. Os agentes as aplicam na conversa (tecla l) e filtram a caixa de entrada por elas.
new-label = Nova etiqueta
name = Nome
color = Cor
description = Descrição
description-hint = Quando usar (opcional)
create = Criar etiqueta
edit = Editar
save = Salvar
cancel = Cancelar
delete = Excluir
empty = Nenhuma etiqueta ainda. Crie a primeira acima.
loading = Carregando…
# Names of the palette's colours, in palette order.
colors =
    .item-1 = Cinza
    .item-2 = Vermelho
    .item-3 = Laranja
    .item-4 = Âmbar
    .item-5 = Verde
    .item-6 = Verde-azulado
    .item-7 = Azul-celeste
    .item-8 = Azul
    .item-9 = Violeta
    .item-10 = Rosa
conversations =
    { $n ->
        [0] nenhuma conversa
        [one] 1 conversa
        *[other] { $n } conversas
    }
created = Etiqueta "{ $name }" criada.
saved = Etiqueta "{ $name }" salva.
# Variables: $name, $n
deleted =
    { $n ->
        [0] Etiqueta "{ $name }" excluída.
        [one] Etiqueta "{ $name }" excluída e removida de 1 conversa.
        *[other] Etiqueta "{ $name }" excluída e removida de { $n } conversas.
    }
# Variables: $name, $n
confirm =
    { $n ->
        [0] Excluir "{ $name }"? Nenhuma conversa tem esta etiqueta.
        [one] Excluir "{ $name }"? Ela está em 1 conversa e será removida dela.
        *[other] Excluir "{ $name }"? Ela está em { $n } conversas e será removida delas.
    }
