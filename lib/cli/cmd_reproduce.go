package cli

func cmdReproduce(env *Env) int {
	return notYet(env, "reproduce", "[flags]", "see the issue tracker: the reproduce command")
}
