package cli

func cmdResults(env *Env) int {
	return notYet(env, "results", "[flags]", "see the issue tracker: the results command")
}
