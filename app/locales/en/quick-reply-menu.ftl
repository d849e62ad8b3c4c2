loading = Loading quick replies…
no-match = No quick reply matches "/{ $q }".
manage = Manage quick replies
keys = Up/Down to choose · Enter or Tab to insert · Esc to close
mine = mine
fill-in = Fill in before sending:
hint = Type / for quick replies
