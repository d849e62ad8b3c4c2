add = Label
search = Search labels
none-match = No label matches.
none-yet = No labels yet: a supervisor creates them on the Labels screen.
remove = Remove the label { $name }
keys-hint = Up and down to move, Enter to put on or take off, Esc to close
region = Labels of this conversation
