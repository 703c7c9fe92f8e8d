package cli

func cmdSearch(env *Env) int {
	return notYet(env, "search", "[flags]", "see the issue tracker: the search command")
}
