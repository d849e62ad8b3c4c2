add = Etiquetar
search = Buscar etiquetas
none-match = Nenhuma etiqueta corresponde.
none-yet = Nenhuma etiqueta ainda: um supervisor pode criá-las na tela Etiquetas.
remove = Remover a etiqueta { $name }
keys-hint = Setas para navegar, Enter para aplicar ou remover, Esc para fechar
region = Etiquetas desta conversa
