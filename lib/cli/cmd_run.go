package cli

func cmdRun(env *Env) int {
	return notYet(env, "run", "[flags]", "see the issue tracker: the run command")
}
