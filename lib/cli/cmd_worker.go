package cli

func cmdWorker(env *Env) int {
	return notYet(env, "worker", "[flags]", "see the issue tracker: the worker command")
}
