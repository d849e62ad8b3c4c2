subtitle = Labels sort conversations. Agents put them on from the thread (key l) and filter the inbox by them.
new-label = New label
name = Name
color = Colour
description = Description
description-hint = When to use it (optional)
create = Create label
edit = Edit
save = Save
cancel = Cancel
delete = Delete
empty = No labels yet. Create the first one above.
loading = Loading…
# Names of the palette's colours, in palette order.
colors =
    .item-1 = Grey
    .item-2 = Red
    .item-3 = Orange
    .item-4 = Amber
    .item-5 = Green
    .item-6 = Teal
    .item-7 = Sky blue
    .item-8 = Blue
    .item-9 = Violet
    .item-10 = Pink
conversations =
    { $n ->
        [one] 1 conversation
        *[other] { $n } conversations
    }
created = Label '{ $name }' created.
saved = Label '{ $name }' saved.
# Variables: $name, $n
deleted =
    { $n ->
        [0] Label '{ $name }' deleted.
        [one] Label '{ $name }' deleted and removed from 1 conversation.
        *[other] Label '{ $name }' deleted and removed from { $n } conversations.
    }
# Variables: $name, $n
confirm =
    { $n ->
        [0] Delete '{ $name }'? No conversation carries it.
        [one] Delete '{ $name }'? It is on 1 conversation; it will be removed from it.
        *[other] Delete '{ $name }'? It is on { $n } conversations; it will be removed from them.
    }
