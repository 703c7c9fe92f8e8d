package cli

func cmdBench(env *Env) int {
	return notYet(env, "bench", "[flags]", "see the issue tracker: the bench command")
}
